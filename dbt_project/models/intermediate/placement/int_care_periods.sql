-- Rule: a period of care. SSDA903 episodes grouped into periods of care: a period is a run
-- of a child's episodes joined by REC = X1 with no gap (the next episode starts on the day
-- the previous one ceased); any other reason for ceasing, or a gap between one episode's
-- end and the next one's start, ends it.
-- One row per episode kept by int_ssda903_episode_checks (rows breaking a DfE rule that
-- would make the history wrong are left out there, and reported by the quality gate), with
-- the code categories of seed ssda903_codes. An episode left open in an earlier return and
-- absent from later ones (is_left_open) ends on 1 April of its collection year
-- (stg_ssda903__episodes): its period of care ends there.

with

episodes as (

    select * from {{ ref('int_ssda903_episode_checks') }}
    where not is_excluded

),

flagged as (

    select
        la_code,
        collection_year,
        child_id,
        start_date,
        reason_new_episode,
        legal_status,
        category_of_need,
        placement_type,
        placement_provider,
        end_date,
        is_left_open,
        reason_episode_ceased,
        reason_placement_change,
        home_postcode,
        placement_postcode,
        urn,
        _source_file,
        _row_number,
        rne_category,
        legal_status_category,
        placement_category,
        provider_category,
        reason_ceased_category,
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
