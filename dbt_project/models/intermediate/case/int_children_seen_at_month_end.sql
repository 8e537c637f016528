-- Children open at each month end in the cohorts whose visits the 2018/19 A4 measures
-- (CIN, CP, CLA; a child both on a CP plan and looked after is "Dual" and held to the CP
-- timescale), with the last date they were seen and whether that is within the cohort's
-- timescale (seed visit_timescales) at the month end. Without a visit since the cohort
-- started, the timescale runs from the start (plan, referral or placement).
--   CP, Dual  working days from last seen (or plan start) to month end <= 10
--   CIN       days from last seen (or referral) to month end <= 28
--   CLA       no visit since the placement started: days since it <= 7; otherwise days
--             since last seen <= 42 in the first year of the period of care, <= 91 after

with

cin as (

    select * from {{ ref('int_children_in_need_at_month_end') }}

),

plans as (

    select * from {{ ref('int_open_plans_at_month_end') }}

),

cp as (

    select * from {{ ref('int_cp_plans_at_month_end') }}

),

cla as (

    select * from {{ ref('int_looked_after_at_month_end') }}

),

timescales as (

    select cohort, phase, interval_value from {{ ref('visit_timescales') }}

),

calendar as (

    select * from {{ ref('int_calendar_days') }}

),

seen as (

    select la_code, child_id, visit_date
    from {{ ref('stg_case__visits') }}
    where is_child_seen and visit_date is not null

),

cohorts as (

    select
        cin.la_code,
        cin.period_start,
        cin.period_end,
        cin.child_id,
        case
            when coalesce(plans.has_cp_plan, false) and coalesce(plans.is_looked_after, false) then 'Dual'
            when coalesce(plans.has_cp_plan, false) then 'CP'
            when coalesce(plans.is_looked_after, false) then 'CLA'
            else 'CIN'
        end as cohort,
        coalesce(cp.start_date, cla.episode_start_date, cin.referral_date) as cohort_start_date,
        cla.episode_start_date,
        cla.period_start_date as care_period_start_date
    from cin
    left join plans using (la_code, period_start, child_id)
    left join cp using (la_code, period_start, child_id)
    left join cla using (la_code, period_start, child_id)

),

-- the last visit on or before each month end: visits and month ends of a child in date
-- order (a visit on the month end's own day first), the latest visit carried forward
-- (one sort, where joining each month end to every earlier visit grew with the square)
timeline as (

    select *, period_end as timeline_date, 1 as timeline_order, null::date as visit_date from cohorts
    union all by name
    select la_code, child_id, visit_date as timeline_date, 0 as timeline_order, visit_date from seen

),

last_seen as (

    select * exclude (timeline_date, timeline_order, visit_date)
    from (
        select
            *,
            max(visit_date) over (
                partition by la_code, child_id order by timeline_date, timeline_order
                rows between unbounded preceding and current row
            ) as last_seen_date
        from timeline
    )
    where timeline_order = 1

),

final as (

    select
        last_seen.*,
        case
            when cohort in ('CP', 'Dual') then
                month_end_day.working_day_number - base_day.working_day_number
                    <= (select interval_value from timescales where cohort = 'CP')
            when cohort = 'CIN' then
                period_end - greatest(last_seen_date, cohort_start_date)
                    <= (select interval_value from timescales where cohort = 'CIN')
            when last_seen_date is null or last_seen_date < episode_start_date then
                period_end - episode_start_date
                    <= (select interval_value from timescales where cohort = 'CLA' and phase = 'first_placement_week')
            when period_end < {{ dbt.dateadd('year', 1, 'care_period_start_date') }} then
                period_end - last_seen_date
                    <= (select interval_value from timescales where cohort = 'CLA' and phase = 'first_year')
            else
                period_end - last_seen_date
                    <= (select interval_value from timescales where cohort = 'CLA' and phase = 'after_first_year')
        end as is_seen_in_timescale
    from last_seen
    left join calendar as month_end_day on month_end_day.date_day = last_seen.period_end
    left join calendar as base_day
        on base_day.date_day = greatest(last_seen.last_seen_date, last_seen.cohort_start_date)

)

select * from final
