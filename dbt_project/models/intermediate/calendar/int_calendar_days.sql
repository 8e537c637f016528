-- One row per day, 2005-2035, with the England and Wales working-day count, so the
-- working days between two dates are a subtraction: working_day_number(end) -
-- working_day_number(start) counts the working days after start up to and including end.

with

holidays as (

    select holiday_date from {{ ref('bank_holidays_england_wales') }}

),

days as (

    select cast(d as date) as date_day
    from range(date '2005-01-01', date '2036-01-01', interval 1 day) as t(d)

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
