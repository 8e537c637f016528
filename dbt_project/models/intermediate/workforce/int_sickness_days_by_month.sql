-- Working days lost to sickness absence, per absence and month. An absence spanning
-- months has its working_days_lost shared between them in proportion to the working days
-- (Monday to Friday, England and Wales bank holidays excepted) of each month it covers; an
-- absence still open runs to the end of the HR extract's coverage. A blank
-- working_days_lost is taken as the absence's working days. Every row of absences.csv is
-- sickness absence (the contract's file has no other kind). is_employed: the worker's
-- staff record in force on the first day of absence (the later-starting one if two are) is an
-- employed (not agency) one.

with

absences as (

    select * from {{ ref('stg_workforce__absences') }}
    where start_date is not null and worker_id is not null

),

coverage as (

    select * from {{ ref('int_family_coverage') }}
    where source_family = 'workforce'

),

calendar as (

    select * from {{ ref('int_calendar_days') }}

),

records as (

    select * from {{ ref('int_staff_records') }}

),

spans as (

    select
        absences.la_code,
        absences.absence_id,
        absences.worker_id,
        absences.start_date,
        absences.working_days_lost::double as working_days_lost,
        greatest(absences.start_date,
            least(coalesce(absences.end_date, {{ dbt.last_day("coverage.last_month", 'month') }}), {{ dbt.last_day("coverage.last_month", 'month') }})
        ) as last_day_counted
    from absences
    inner join coverage on coverage.la_code = absences.la_code

),

days as (

    select
        spans.la_code,
        spans.absence_id,
        spans.worker_id,
        spans.start_date,
        spans.working_days_lost,
        {{ dbt.date_trunc('month', "calendar.date_day") }}::date as period_start,
        count(*) filter (where calendar.is_working_day) as working_days_in_month
    from spans
    -- each day of the span, joined to its calendar day: a join on the range (calendar days
    -- between the span's first and last) ran as a range join of every span against every
    -- calendar day, 6.3 s at 150 authorities against 0.6 s for the 4.2M days generated
    -- here, the same rows (benchmarks/RESULTS.md, 5 December 2026, day)
    cross join lateral (
        select unnest(generate_series(spans.start_date, spans.last_day_counted, interval 1 day))::date as date_day
    ) as span_days
    inner join calendar on calendar.date_day = span_days.date_day
    group by all

),

shared as (

    select
        *,
        sum(working_days_in_month) over (partition by la_code, absence_id) as working_days_in_absence
    from days

),

employment as (

    select
        shared.la_code,
        shared.absence_id,
        not records.is_agency_worker as is_employed
    from (select distinct la_code, absence_id, worker_id, start_date from shared) as shared
    inner join records
        on records.la_code = shared.la_code
        and records.worker_id = shared.worker_id
        and records.start_date <= shared.start_date
        and (records.end_date is null or records.end_date >= shared.start_date)
    qualify row_number() over (
        partition by shared.la_code, shared.absence_id order by records.start_date desc, records._row_number desc
    ) = 1

),

final as (

    select
        shared.la_code,
        shared.absence_id,
        shared.worker_id,
        shared.start_date,
        shared.period_start,
        shared.working_days_in_month,
        case
            when shared.working_days_lost is null then shared.working_days_in_month
            when shared.working_days_in_absence = 0
                -- an absence on non-working days only: all of it in its first month
                then case when shared.period_start = {{ dbt.date_trunc('month', "shared.start_date") }}
                    then shared.working_days_lost else 0 end
            else shared.working_days_lost * shared.working_days_in_month / shared.working_days_in_absence
        end as days_lost,
        coalesce(employment.is_employed, false) as is_employed
    from shared
    left join employment using (la_code, absence_id)

)

select * from final
