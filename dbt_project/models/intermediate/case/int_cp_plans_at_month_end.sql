-- Children on a child protection plan at each month end of the case extract's coverage:
-- a plan that started on or before the month end and had not ended by it (a plan ending
-- on the last day of the month has ended; macro month_starts_open generates each plan's
-- months, the rule of macro open_at). One row per child: where a child has two open
-- plans (a data error the checks report), the later one.
--   days_on_plan   days from start to the month end counting both (month_end - start + 1)

with

coverage as (

    {{ coverage_bounds('case') }}

),

plans as (

    select * from {{ ref('int_cp_plan_history') }}

),

plan_months as (

    select
        plans.la_code,
        cast(months.month_start as date) as period_start,
        plans.cp_plan_id,
        plans.child_id,
        plans.start_date
    from plans
    {{ join_months_open('plans', 'start_date', 'end_date', 'months') }}

),

final as (

    select
        la_code,
        period_start,
        {{ dbt.last_day('period_start', 'month') }} as period_end,
        cp_plan_id,
        child_id,
        start_date,
        {{ dbt.last_day('period_start', 'month') }} - start_date + 1 as days_on_plan
    from plan_months
    qualify row_number() over (
        partition by la_code, period_start, child_id order by start_date desc
    ) = 1

)

select * from final
