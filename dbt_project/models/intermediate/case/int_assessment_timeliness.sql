-- Single assessments with the working days from start to authorisation. The start day
-- is day 0; Saturdays, Sundays and England and Wales bank holidays are not working days;
-- authorised within 45 working days (<= 45) is timely. Same-day authorisation is 0 days.
-- One authorised before it started is left out (suite case_extract, "assessment
-- authorised before it started", names its row).

with

assessments as (

    select * from {{ ref('int_case__assessments') }}
    where start_date is not null and authorisation_date is not null

),

calendar as (

    select * from {{ ref('int_calendar_days') }}

),

final as (

    select
        assessments.la_code,
        assessments.assessment_id,
        assessments.child_id,
        assessments.start_date,
        assessments.authorisation_date,
        authorised.working_day_number - started.working_day_number as working_days_to_authorisation,
        authorised.working_day_number - started.working_day_number <= 45 as is_within_45_working_days
    from assessments
    inner join calendar as started on started.date_day = assessments.start_date
    inner join calendar as authorised on authorised.date_day = assessments.authorisation_date
    where assessments.authorisation_date >= assessments.start_date

)

select * from final
