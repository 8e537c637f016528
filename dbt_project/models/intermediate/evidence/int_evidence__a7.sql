-- A7 evidence: children looked after or on a CP plan at month end; in the numerator when
-- allocated at month end to a worker whose staff record in force then says qualified
-- social worker.

with

children as (

    select la_code, period_start, child_id
    from {{ ref('int_open_plans_at_month_end') }}
    where has_cp_plan or is_looked_after

),

coverage as (

    {{ coverage_bounds('case') }}

),

qualified as (

    select la_code, period_start, worker_id
    from {{ ref('int_worker_caseloads_at_month_end') }}
    where is_qualified_social_worker

),

-- each allocation's month ends, then its worker in each (equi-joins only: joined to every
-- month with a range condition, the planner paired allocations with the worker's every
-- month first, 825M rows at 150 authorities)
allocation_months as (

    select
        allocations.la_code,
        allocations.child_id,
        allocations.worker_id,
        cast(months.month_start as date) as period_start
    from {{ ref('int_case__allocations') }} as allocations
    {{ join_months_open('allocations', 'start_date', 'end_date', 'months') }}

),

allocated as (

    select distinct allocation_months.la_code, allocation_months.period_start, allocation_months.child_id
    from allocation_months
    inner join qualified
        on qualified.la_code = allocation_months.la_code
        and qualified.period_start = allocation_months.period_start
        and qualified.worker_id = allocation_months.worker_id

),

final as (

    select
        children.la_code,
        'A7_v1' as definition_id,
        children.period_start,
        'child CLA or on CP plan' as subject_type,
        children.child_id as subject_id,
        children.child_id,
        null::date as event_date,
        allocated.child_id is not null as in_numerator
    from children
    left join allocated using (la_code, period_start, child_id)

)

select * from final
