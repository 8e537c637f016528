-- Which plans each child has open at each month end: a CIN plan, a CP plan, or being
-- looked after (the care plan). A plan ending on the last day of the month has ended
-- (macro month_starts_open generates each CIN plan's months, the rule of macro open_at).

with

coverage as (

    {{ coverage_bounds('case') }}

),

cin_plans as (

    select plans.la_code, cast(months.month_start as date) as period_start, plans.child_id
    from {{ ref('int_case__cin_plans') }} as plans
    {{ join_months_open('plans', 'start_date', 'end_date', 'months') }}

),

cp_plans as (

    select la_code, period_start, child_id from {{ ref('int_cp_plans_at_month_end') }}

),

looked_after as (

    select la_code, period_start, child_id from {{ ref('int_looked_after_at_month_end') }}

),

-- one row per child and month end, with which plans are open: one aggregate over the
-- three lists (a union and three joins back to it took twice as long at 150 authorities,
-- 16.0 s against 8.9 s, the same rows; benchmarks/RESULTS.md, 4 December 2026, late). A
-- plan with no child_id (a finding of check key_not_null) gives a row for the month with
-- no plan flagged, as the joins on child_id did.
final as (

    select
        la_code,
        period_start,
        child_id,
        child_id is not null and bool_or(plan = 'cin') as has_cin_plan,
        child_id is not null and bool_or(plan = 'cp') as has_cp_plan,
        child_id is not null and bool_or(plan = 'cla') as is_looked_after
    from (
        select la_code, period_start, child_id, 'cin' as plan from cin_plans
        union all
        select la_code, period_start, child_id, 'cp' as plan from cp_plans
        union all
        select la_code, period_start, child_id, 'cla' as plan from looked_after
    )
    group by la_code, period_start, child_id

)

select * from final
