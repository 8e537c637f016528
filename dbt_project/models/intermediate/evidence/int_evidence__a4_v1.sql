-- A4 Year 1 evidence: children on a CP plan at month end who had been on it for more than
-- 28 days (month end - start > 28); in the numerator when no visit of any kind took place in
-- the 14 days ending on the month end (lower is better).

with

on_plan as (

    select * from {{ ref('int_cp_plans_at_month_end') }}
    where period_end - start_date > 28

),

visits as (

    select la_code, child_id, visit_date from {{ ref('int_case__visits') }}
    where visit_date is not null

),

final as (

    select
        on_plan.la_code,
        'A4_v1' as definition_id,
        on_plan.period_start,
        'child on CP plan' as subject_type,
        on_plan.cp_plan_id as subject_id,
        on_plan.child_id,
        on_plan.start_date as event_date,
        not exists (
            select 1 from visits
            where visits.la_code = on_plan.la_code
              and visits.child_id = on_plan.child_id
              and visits.visit_date > on_plan.period_end - 14
              and visits.visit_date <= on_plan.period_end
        ) as in_numerator
    from on_plan

)

select * from final
