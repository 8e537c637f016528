-- Children in need at each month end: an open referral (referral date on or before the
-- month end, not closed by it; a case closed on the last day of the month has closed).
-- is_assessed: an assessment of that referral was authorised on or before the month end
-- (children still being assessed are in need too, but have no plan yet).

with

months as (

    select * from {{ ref('int_coverage_months') }}
    where source_family = 'case'

),

referrals as (

    select * from {{ ref('int_case__referrals') }}
    where referral_date is not null

),

assessed as (

    select la_code, referral_id, min(authorisation_date) as first_authorised_date
    from {{ ref('int_case__assessments') }}
    where authorisation_date is not null
    group by la_code, referral_id

),

final as (

    select
        months.la_code,
        months.period_start,
        months.period_end,
        referrals.child_id,
        referrals.referral_id,
        referrals.referral_date,
        coalesce(assessed.first_authorised_date <= months.period_end, false) as is_assessed
    from months
    inner join referrals
        on referrals.la_code = months.la_code
        and {{ open_at('referrals.referral_date', 'referrals.closure_date', 'months.period_end') }}
    left join assessed
        on assessed.la_code = referrals.la_code and assessed.referral_id = referrals.referral_id
    qualify row_number() over (
        partition by months.la_code, months.period_start, referrals.child_id
        order by is_assessed desc, referrals.referral_date desc
    ) = 1

)

select * from final
