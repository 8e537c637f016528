-- Employed staff who left the Trust: one row per run of employed service that ended (see
-- int_staff_records). A worker whose employed record ends and who carries on in another
-- employed record from the next day (a change of role) has not left; one who ends an
-- agency assignment has never been employed and is no leaver; one who leaves employment
-- and comes back as an agency worker is a leaver. The leaving record is the one whose end
-- is the end of the run (its FTE, role and reason).
--   has_two_years_service  the leaving date is on or after the day before the second
--                          anniversary of the service start: counting the first and the
--                          last day, two full years (started 2015-01-01, left 2016-12-31:
--                          two years; left 2016-12-30: under two years)

with

records as (

    select * from {{ ref('int_staff_records') }}
    where not is_agency_worker and employed_service_end is not null

),

leaving_records as (

    select *
    from records
    where end_date = employed_service_end
    qualify row_number() over (
        partition by la_code, worker_id, employed_service_start order by start_date desc, _row_number desc
    ) = 1

),

final as (

    select
        la_code,
        worker_id,
        employed_service_end as leaving_date,
        {{ dbt.date_trunc('month', "employed_service_end") }}::date as period_start,
        employed_service_start,
        employed_service_end - employed_service_start + 1 as service_days,
        employed_service_end >= {{ dbt.dateadd('year', 2, 'employed_service_start') }}::date - 1 as has_two_years_service,
        fte,
        job_title,
        team,
        is_frontline,
        is_caseholding,
        reason_leave
    from leaving_records

)

select * from final
