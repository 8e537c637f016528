-- One row per day, 1900-2035, with the England and Wales working-day count, so the
-- working days between two dates are a subtraction: working_day_number(end) -
-- working_day_number(start) counts the working days after start up to and including end.
-- It starts on the earliest date the checks let through (EARLIEST_PLAUSIBLE_DATE,
-- orchestration/quality_suites.py): the working-day models join their dates to it, and a
-- date it did not hold would leave its record out with no finding (an assessment started
-- in 2004 and authorised in 2017 dropped out of A2 when it began in 2005). Bank holidays are
-- the seed's (2008-2030): other years count every weekday.

with

holidays as (

    select holiday_date from {{ ref('bank_holidays_england_wales') }}

),

days as (

    select cast(d as date) as date_day
    from range(date '1900-01-01', date '2036-01-01', interval 1 day) as t(d)

),

flagged as (

    select
        days.date_day,
        isodow(days.date_day) <= 5 and holidays.holiday_date is null as is_working_day
    from days
    left join holidays on holidays.holiday_date = days.date_day

),

final as (

    select
        date_day,
        is_working_day,
        sum(case when is_working_day then 1 else 0 end) over (order by date_day) as working_day_number
    from flagged

)

select * from final
