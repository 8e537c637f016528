-- A6 evidence. The contract counts a plan of 2 years or more as one lasting more than 729
-- calendar days including the day of cessation: days = end - start + 1, counted when > 729
-- (so end - start >= 729 days).
--   A6_v1 (Year 1)     plans ending in the month (a plan, not a child, is the unit)
--   A6_v2 (from Year 2) children on a plan at month end, the month end standing for the
--                       day of cessation: month end - start + 1 > 729

with

ended as (

    select * from {{ ref('int_cp_plan_history') }}
    where end_date is not null

),

on_plan as (

    select * from {{ ref('int_cp_plans_at_month_end') }}

),

final as (

    select
        la_code,
        'A6_v1' as definition_id,
        {{ dbt.date_trunc('month', "end_date") }}::date as period_start,
        'CP plan ended' as subject_type,
        cp_plan_id as subject_id,
        child_id,
        end_date as event_date,
        days_on_plan_at_end > 729 as in_numerator
    from ended

    union all

    select
        la_code,
        'A6_v2' as definition_id,
        period_start,
        'child on CP plan' as subject_type,
        cp_plan_id as subject_id,
        child_id,
        start_date as event_date,
        days_on_plan > 729 as in_numerator
    from on_plan

)

select * from final
