-- Which plans each child has open at each month end: a CIN plan, a CP plan, or being
-- looked after (the care plan). A plan ending on the last day of the month has ended
-- (macro month_starts_open generates each CIN plan's months, the rule of macro open_at).

with

coverage as (

    {{ coverage_bounds('case') }}

),

cin_plans as (

    select distinct plans.la_code, cast(months.month_start as date) as period_start, plans.child_id
    from {{ ref('int_case__cin_plans') }} as plans
    {{ join_months_open('plans', 'start_date', 'end_date', 'months') }}

),

cp_plans as (

    select la_code, period_start, child_id from {{ ref('int_cp_plans_at_month_end') }}

),

looked_after as (

    select la_code, period_start, child_id from {{ ref('int_looked_after_at_month_end') }}

),

children as (

    select la_code, period_start, child_id from cin_plans
    union
    select la_code, period_start, child_id from cp_plans
    union
    select la_code, period_start, child_id from looked_after

),

final as (

    select
        children.la_code,
        children.period_start,
        children.child_id,
        cin_plans.child_id is not null as has_cin_plan,
        cp_plans.child_id is not null as has_cp_plan,
        looked_after.child_id is not null as is_looked_after
    from children
    left join cin_plans using (la_code, period_start, child_id)
    left join cp_plans using (la_code, period_start, child_id)
    left join looked_after using (la_code, period_start, child_id)

)

select * from final
