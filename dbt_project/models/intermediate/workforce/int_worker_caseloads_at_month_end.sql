-- Each worker's role and caseload at each month end of the case extract's coverage.
-- A worker's role is the staff record in force on the month end (start on or before it,
-- no end or an end on or after it). Caseload: distinct children allocated to the worker
-- at the month end (allocation started on or before it and not ended by it).

with

months as (

    select * from {{ ref('int_coverage_months') }}
    where source_family = 'case'

),

staff as (

    select * from {{ ref('stg_workforce__staff') }}
    where start_date is not null

),

allocations as (

    select * from {{ ref('int_case__allocations') }}
    where start_date is not null

),

in_post as (

    select
        months.la_code,
        months.period_start,
        months.period_end,
        staff.worker_id,
        staff.is_qualified_social_worker,
        staff.is_caseholding,
        staff.is_agency_worker
    from months
    inner join staff
        on staff.la_code = months.la_code
        and {{ open_at('staff.start_date', 'staff.end_date', 'months.period_end', open_on_end_day=true) }}
    qualify row_number() over (
        partition by months.la_code, months.period_start, staff.worker_id order by staff.start_date desc
    ) = 1

),

caseloads as (

    select
        months.la_code,
        months.period_start,
        allocations.worker_id,
        count(distinct allocations.child_id) as cases
    from months
    inner join allocations
        on allocations.la_code = months.la_code
        and {{ open_at('allocations.start_date', 'allocations.end_date', 'months.period_end') }}
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
