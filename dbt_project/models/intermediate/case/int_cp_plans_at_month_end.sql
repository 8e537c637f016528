-- Children on a child protection plan at each month end of the case extract's coverage:
-- a plan that started on or before the month end and had not ended by it (a plan ending
-- on the last day of the month has ended). One row per child: where a child has two
-- open plans (a data error the checks report), the later one.
--   days_on_plan   days from start to the month end counting both (month_end - start + 1)

with

months as (

    select * from {{ ref('int_coverage_months') }}
    where source_family = 'case'

),

plans as (

    select * from {{ ref('int_cp_plan_history') }}

),

final as (

    select
        months.la_code,
        months.period_start,
        months.period_end,
        plans.cp_plan_id,
        plans.child_id,
        plans.start_date,
        months.period_end - plans.start_date + 1 as days_on_plan
    from months
    inner join plans
        on plans.la_code = months.la_code
        and {{ open_at('plans.start_date', 'plans.end_date', 'months.period_end') }}
    qualify row_number() over (
        partition by months.la_code, months.period_start, plans.child_id order by plans.start_date desc
    ) = 1

)

select * from final
