-- C16 evidence: staff in post at month end (agency workers included: the supervision
-- policy applies to whoever holds the work) and when they were last supervised. The
-- interval is data (seed supervision_policy: per definition, the matching job title
-- pattern with the lowest priority number).
--   C16_v1  (Year 1) caseholding staff; in the numerator when their latest supervision on
--           or before the month end was at most 42 days before it (exactly 6 weeks counts)
--   C16_v2  (from Year 2) front-line staff; in the numerator when their latest supervision,
--           or without one since they came into post the day they did, was at most the
--           policy interval (28 days) before the month end (exactly at the interval counts:
--           a supervision due today is not late)

with

in_post as (

    select * from {{ ref('int_staff_in_post_at_month_end') }}

),

policy as (

    select * from {{ ref('supervision_policy') }}

),

supervisions as (

    select * from {{ ref('stg_workforce__supervisions') }}
    where supervision_date is not null and worker_id is not null

),

staff as (

    select 'C16_v1' as definition_id, * from in_post where is_caseholding
    union all
    select 'C16_v2' as definition_id, * from in_post where is_frontline

),

with_interval as (

    select
        staff.*,
        policy.interval_days
    from staff
    inner join policy
        on policy.definition_id = staff.definition_id
        and lower(coalesce(staff.job_title, '')) like lower(policy.job_title_pattern)
    qualify row_number() over (
        partition by staff.la_code, staff.definition_id, staff.period_start, staff.worker_id
        order by policy.priority
    ) = 1

),

last_supervised as (

    select
        with_interval.la_code,
        with_interval.definition_id,
        with_interval.period_start,
        with_interval.period_end,
        with_interval.worker_id,
        with_interval.in_post_since,
        with_interval.interval_days,
        max(supervisions.supervision_date) as last_supervision_date
    from with_interval
    left join supervisions
        on supervisions.la_code = with_interval.la_code
        and supervisions.worker_id = with_interval.worker_id
        and supervisions.supervision_date <= with_interval.period_end
    group by all

),

final as (

    select
        la_code,
        definition_id,
        period_start,
        'worker' as subject_type,
        worker_id as subject_id,
        null::varchar as child_id,
        last_supervision_date as event_date,
        null::varchar as cohort,
        case
            when definition_id = 'C16_v1'
                then coalesce(period_end - last_supervision_date <= interval_days, false)
            else period_end - greatest(coalesce(last_supervision_date, in_post_since), in_post_since)
                <= interval_days
        end as in_numerator
    from last_supervised

)

select * from final
