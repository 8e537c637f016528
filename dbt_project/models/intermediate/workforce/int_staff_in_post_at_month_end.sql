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

records as (

    select * from {{ ref('int_staff_records') }}

),

final as (

    select
        months.la_code,
        months.period_start,
        months.period_end,
        records.worker_id,
        records.start_date,
        records.end_date,
        records.is_agency_worker,
        records.job_title,
        records.team,
        records.is_frontline,
        records.is_qualified_social_worker,
        records.is_caseholding,
        records.fte,
        records.in_post_since,
        records.employed_service_start
    from months
    inner join records
        on records.la_code = months.la_code
        and {{ open_at('records.start_date', 'records.end_date', 'months.period_end', open_on_end_day=true) }}
    qualify row_number() over (
        partition by months.la_code, months.period_start, records.worker_id
        order by records.start_date desc, records._row_number desc
    ) = 1

)

select * from final
