-- Each worker's role and caseload at each month end of the case extract's coverage.
-- A worker's role is the staff record in force on the month end (start on or before it,
-- no end or an end on or after it). Caseload: distinct children allocated to the worker
-- at the month end (allocation started on or before it and not ended by it).

with

months as (

    select * from {{ ref('int_coverage_months') }}
    where source_family = 'case'

),

coverage as (

    {{ coverage_bounds('case') }}

),

staff as (

    select * from {{ ref('stg_workforce__staff') }}
    where start_date is not null

),

allocations as (

    select * from {{ ref('int_case__allocations') }}
    where start_date is not null

),

staff_months as (

    -- each staff record's months in force (macro month_starts_open: the open_at rule per record)
    select
        staff.*,
        cast(in_force.month_start as date) as period_start
    from staff
    {{ join_months_open('staff', 'start_date', 'end_date', 'in_force', open_on_end_day=true) }}

),

in_post as (

    select
        months.la_code,
        months.period_start,
        months.period_end,
        staff_months.worker_id,
        staff_months.is_qualified_social_worker,
        staff_months.is_caseholding,
        staff_months.is_agency_worker
    from staff_months
    inner join months
        on months.la_code = staff_months.la_code
        and months.period_start = staff_months.period_start
    qualify row_number() over (
        partition by months.la_code, months.period_start, staff_months.worker_id order by staff_months.start_date desc
    ) = 1

),

allocation_months as (

    -- each allocation's months open at the month end (an allocation ending on the month end
    -- has ended by it)
    select
        allocations.la_code,
        allocations.worker_id,
        allocations.child_id,
        cast(open_months.month_start as date) as period_start
    from allocations
    {{ join_months_open('allocations', 'start_date', 'end_date', 'open_months') }}

),

caseloads as (

    select
        months.la_code,
        months.period_start,
        allocation_months.worker_id,
        count(distinct allocation_months.child_id) as cases
    from allocation_months
    inner join months
        on months.la_code = allocation_months.la_code
        and months.period_start = allocation_months.period_start
    group by all

),

final as (

    select
        in_post.*,
        coalesce(caseloads.cases, 0) as cases
    from in_post
    left join caseloads using (la_code, period_start, worker_id)

)

select * from final
