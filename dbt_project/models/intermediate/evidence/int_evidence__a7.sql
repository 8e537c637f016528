-- A7 evidence: children looked after or on a CP plan at month end; in the numerator when
-- allocated at month end to a worker whose staff record in force then says qualified
-- social worker.

with

children as (

    select la_code, period_start, child_id
    from {{ ref('int_open_plans_at_month_end') }}
    where has_cp_plan or is_looked_after

),

months as (

    select distinct la_code, period_start, period_end from {{ ref('int_coverage_months') }}

),

qualified as (

    select la_code, period_start, worker_id
    from {{ ref('int_worker_caseloads_at_month_end') }}
    where is_qualified_social_worker

),

allocated as (

    select distinct months.la_code, months.period_start, allocations.child_id
    from months
    inner join {{ ref('stg_case__allocations') }} as allocations
        on allocations.la_code = months.la_code
        and allocations.start_date <= months.period_end
        and (allocations.end_date is null or allocations.end_date > months.period_end)
    inner join qualified
        on qualified.la_code = months.la_code
        and qualified.period_start = months.period_start
        and qualified.worker_id = allocations.worker_id

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
