-- Child protection visits with the working days since the previous CP visit to the
-- same child (or, for the first visit of a plan, since the plan started). A visit is in
-- timescale when it came within the CP interval of seed visit_timescales (10 working
-- days) and the child was seen.

with

visits as (

    select * from {{ ref('int_case__visits') }}
    where visit_date is not null and visit_type = 'CP'

),

cp_plans as (

    select * from {{ ref('int_cp_plan_history') }}

),

calendar as (

    select * from {{ ref('int_calendar_days') }}

),

interval_cp as (

    select interval_value from {{ ref('visit_timescales') }} where cohort = 'CP'

),

on_plan as (

    select
        visits.la_code,
        visits.visit_id,
        visits.child_id,
        visits.visit_date,
        visits.is_child_seen,
        plans.start_date as plan_start_date
    from visits
    inner join cp_plans as plans
        on plans.la_code = visits.la_code
        and plans.child_id = visits.child_id
        and plans.start_date <= visits.visit_date
        and (plans.end_date is null or plans.end_date >= visits.visit_date)
    qualify row_number() over (partition by visits.la_code, visits.visit_id order by plans.start_date desc) = 1

),

sequenced as (

    select
        *,
        coalesce(
            lag(visit_date) over (partition by la_code, child_id, plan_start_date order by visit_date, visit_id),
            plan_start_date
        ) as previous_date
    from on_plan

),

final as (

    select
        sequenced.la_code,
        sequenced.visit_id,
        sequenced.child_id,
        sequenced.visit_date,
        sequenced.previous_date,
        sequenced.is_child_seen,
        visited.working_day_number - previous.working_day_number as working_days_since_previous,
        coalesce(sequenced.is_child_seen, false)
            and visited.working_day_number - previous.working_day_number <= (select interval_value from interval_cp)
            as is_in_timescale
    from sequenced
    inner join calendar as visited on visited.date_day = sequenced.visit_date
    inner join calendar as previous on previous.date_day = sequenced.previous_date

)

select * from final
