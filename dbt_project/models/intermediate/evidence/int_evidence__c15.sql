-- C15 evidence (see int_staff_leavers for who is a leaver):
--   C15_v1  (Year 1) employed staff leaving the Trust in the month, in the numerator with
--           under two years' continuous employed service; the cohort is the reason for
--           leaving
--   C15_v2  (from Year 2) employed staff in post at month end (FTE to the denominator) and
--           employed staff leaving in the month (FTE to the numerator); a leaver on the last
--           day of the month is in post that day and adds to both
-- OP_TURNOVER_12M counts the C15_v2 rows over 12 months (indicator_definitions.evidence_of).

with

leavers as (

    select * from {{ ref('int_staff_leavers') }}

),

employed_in_post as (

    select * from {{ ref('int_staff_in_post_at_month_end') }}
    where not is_agency_worker

),

turnover as (

    select
        coalesce(employed_in_post.la_code, leavers.la_code) as la_code,
        coalesce(employed_in_post.period_start, leavers.period_start) as period_start,
        coalesce(employed_in_post.worker_id, leavers.worker_id) as worker_id,
        leavers.leaving_date,
        leavers.reason_leave,
        leavers.fte as leaver_fte,
        employed_in_post.fte as in_post_fte
    from employed_in_post
    full outer join leavers
        on leavers.la_code = employed_in_post.la_code
        and leavers.period_start = employed_in_post.period_start
        and leavers.worker_id = employed_in_post.worker_id

),

final as (

    select
        la_code,
        'C15_v1' as definition_id,
        period_start,
        'worker' as subject_type,
        worker_id as subject_id,
        null::varchar as child_id,
        leaving_date as event_date,
        lower(reason_leave) as cohort,
        not has_two_years_service as in_numerator,
        null::double as numerator_amount,
        null::double as denominator_amount
    from leavers

    union all

    select
        la_code,
        'C15_v2',
        period_start,
        'worker',
        worker_id,
        null,
        leaving_date,
        lower(reason_leave),
        leaving_date is not null,
        coalesce(leaver_fte, 0),
        coalesce(in_post_fte, 0)
    from turnover

)

select * from final
