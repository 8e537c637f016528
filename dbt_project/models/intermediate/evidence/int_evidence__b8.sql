-- B8 evidence: care proceedings (case extract care_proceedings.csv).
-- The unit is one set of proceedings (proceedings_id); the extract has a row per child in
-- them. Proceedings are issued on their earliest issue date and disposed of when the last
-- child's part is disposed of (still open while any child's disposal date is blank);
-- child_id is given when the proceedings concern one child. Proceedings disposed of before
-- they were issued are left out.
--   B8_v1 (Years 1 and 2)  proceedings disposed of in the month; numerator amount = the weeks
--                          they took: (disposal date - issue date) / 7 in calendar days, not
--                          rounded. Value = total weeks / proceedings = the average (quarters
--                          add months: the quarter's proceedings' average). The contract
--                          reported a month in arrears; the figure here is the disposal month's.
--   B8_v2 (2018/19)        "% of care proceedings on track to be completed within 26 weeks"
--                          (seed 003:59): proceedings open at the month end plus those disposed
--                          of in the month. One boundary, in one place (on_track below):
--                          completed within 26 weeks = disposed of no more than 182 days (26 x
--                          7) after the issue date, so day 182 is within and day 183 is not
--                          (weeks as B8_v1 counts them, (disposal - issue) / 7: 182 days is
--                          26.0 weeks). A disposed-of case is on track when its own disposal
--                          is; an open one when its earliest possible disposal, the day after
--                          the month end (open = not disposed of by the month end), still
--                          would be: 181 days old at the month end is on track, 182 is not.
--                          The papers give no day count; the alternative, the statute's "26
--                          weeks beginning with the day on which the application was issued"
--                          (the issue day as day 1, so within = no more than 181 days), is
--                          named in docs/indicators_children_in_care.md. The cohort says open
--                          or disposed.

with

proceedings as (

    select
        la_code,
        proceedings_id,
        case when count(distinct child_id) = 1 then min(child_id) end as child_id,
        min(issue_date) as issue_date,
        case when count(*) filter (where disposal_date is null) > 0 then null else max(disposal_date) end
            as disposal_date
    from {{ ref('stg_case__care_proceedings') }}
    where proceedings_id is not null
    group by la_code, proceedings_id
    having min(issue_date) is not null

),

valid as (

    select * from proceedings
    where disposal_date is null or disposal_date >= issue_date

),

months as (

    select * from {{ ref('int_coverage_months') }}
    where source_family = 'case'

),

disposed as (

    select
        *,
        cast({{ dbt.date_trunc('month', "disposal_date") }} as date) as period_start,
        (disposal_date - issue_date) / 7.0 as weeks
    from valid
    where disposal_date is not null

),

open_at_month_end as (

    select
        valid.*,
        months.period_start,
        -- the earliest it can now be disposed of: the day after the month end
        (months.period_end::date + 1) - valid.issue_date as earliest_disposal_days
    from valid
    inner join months
        on months.la_code = valid.la_code
        and valid.issue_date <= months.period_end
        and (valid.disposal_date is null or valid.disposal_date > months.period_end)

),

-- B8_v2: the days from issue to the disposal (or, open, the earliest possible disposal)
on_track as (

    select
        la_code, period_start, 'care proceedings disposed' as subject_type, proceedings_id, child_id,
        disposal_date as event_date, 'disposed' as cohort, disposal_date - issue_date as days_to_disposal
    from disposed

    union all

    select
        la_code, period_start, 'care proceedings open', proceedings_id, child_id,
        issue_date, 'open', earliest_disposal_days
    from open_at_month_end

),

final as (

    select
        la_code,
        'B8_v1' as definition_id,
        period_start,
        'care proceedings disposed' as subject_type,
        proceedings_id as subject_id,
        child_id,
        disposal_date as event_date,
        cast(null as varchar) as cohort,
        true as in_numerator,
        weeks as numerator_amount
    from disposed

    union all

    select
        la_code,
        'B8_v2',
        period_start,
        subject_type,
        proceedings_id,
        child_id,
        event_date,
        cohort,
        -- within 26 weeks: no more than 182 days from issue to disposal
        days_to_disposal <= 182,
        null
    from on_track

)

select * from final
