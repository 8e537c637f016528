-- Every worker in post at each month end of the HR extract's coverage, as the staff record
-- in force that day says: a record that started on or before the month end and has no end
-- or ends on or after it (a record ending on the last day of the month is in post that
-- day). When two records are in force, the one that started later wins, so a worker who
-- moved from agency to employed during the month is employed at its end, and counts once.

with

months as (

    select * from {{ ref('int_coverage_months') }}
    where source_family = 'workforce'

),

coverage as (

    {{ coverage_bounds('workforce') }}

),

records as (

    select * from {{ ref('int_staff_records') }}

),

record_months as (

    -- each record's months in force (macro month_starts_open: the open_at rule per record,
    -- not a join of every record to every month)
    select
        records.*,
        cast(in_force.month_start as date) as period_start
    from records
    {{ join_months_open('records', 'start_date', 'end_date', 'in_force', open_on_end_day=true) }}

),

final as (

    select
        months.la_code,
        months.period_start,
        months.period_end,
        record_months.worker_id,
        record_months.start_date,
        record_months.end_date,
        record_months.is_agency_worker,
        record_months.job_title,
        record_months.team,
        record_months.is_frontline,
        record_months.is_qualified_social_worker,
        record_months.is_caseholding,
        record_months.fte,
        record_months.in_post_since,
        record_months.employed_service_start
    from record_months
    inner join months
        on months.la_code = record_months.la_code
        and months.period_start = record_months.period_start
    qualify row_number() over (
        partition by months.la_code, months.period_start, record_months.worker_id
        order by record_months.start_date desc, record_months._row_number desc
    ) = 1

)

select * from final
