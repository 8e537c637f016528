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
--   B8_v2 (2018/19)        proceedings open at the month end plus those disposed of in the
--                          month; on track when open and under 26 weeks old at the month end
--                          (month end - issue date < 182 days), or disposed of within 26 weeks
--                          (disposal - issue <= 182 days). The cohort says which.

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
        months.period_end - valid.issue_date as days_open
    from valid
    inner join months
        on months.la_code = valid.la_code
        and valid.issue_date <= months.period_end
        and (valid.disposal_date is null or valid.disposal_date > months.period_end)

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
        'care proceedings disposed',
        proceedings_id,
        child_id,
        disposal_date,
        'disposed',
        disposal_date - issue_date <= 182,
        null
    from disposed

    union all

    select
        la_code,
        'B8_v2',
        period_start,
        'care proceedings open',
        proceedings_id,
        child_id,
        issue_date,
        'open',
        days_open < 182,
        null
    from open_at_month_end

)

select * from final
