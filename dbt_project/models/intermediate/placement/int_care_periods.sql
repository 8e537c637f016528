-- SSDA903 episodes grouped into periods of care: a period is a run of a child's episodes
-- joined by REC = X1 with no gap; any other reason for ceasing, or a gap between one
-- episode's end and the next one's start, ends it.

with

episodes as (

    select * from {{ ref('stg_ssda903__episodes') }}
    where start_date is not null and child_id is not null

),

flagged as (

    select
        *,
        case
            when lag(reason_episode_ceased) over by_child = 'X1'
                and lag(end_date) over by_child = start_date then 0
            else 1
        end as starts_period
    from episodes
    window by_child as (partition by la_code, child_id order by start_date)

),

numbered as (

    select
        *,
        sum(starts_period) over (
            partition by la_code, child_id order by start_date rows unbounded preceding
        ) as period_number
    from flagged

),

final as (

    select
        *,
        min(start_date) over (partition by la_code, child_id, period_number) as period_start_date,
        case
            when count(*) filter (where end_date is null) over (partition by la_code, child_id, period_number) > 0
                then null
            else max(end_date) over (partition by la_code, child_id, period_number)
        end as period_end_date
    from numbered

)

select * from final
