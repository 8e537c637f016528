-- Children in need at each month end: an open referral (referral date on or before the
-- month end, not closed by it; a case closed on the last day of the month has closed;
-- macro month_starts_open generates each referral's months, the rule of macro open_at).
-- is_assessed: an assessment of that referral was authorised on or before the month end
-- (children still being assessed are in need too, but have no plan yet).

with

coverage as (

    {{ coverage_bounds('case') }}

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

referral_months as (

    select
        referrals.la_code,
        cast(months.month_start as date) as period_start,
        referrals.child_id,
        referrals.referral_id,
        referrals.referral_date
    from referrals
    {{ join_months_open('referrals', 'referral_date', 'closure_date', 'months') }}

),

final as (

    select
        referral_months.la_code,
        referral_months.period_start,
        {{ dbt.last_day('referral_months.period_start', 'month') }} as period_end,
        referral_months.child_id,
        referral_months.referral_id,
        referral_months.referral_date,
        coalesce(assessed.first_authorised_date <= {{ dbt.last_day('referral_months.period_start', 'month') }}, false)
            as is_assessed
    from referral_months
    left join assessed
        on assessed.la_code = referral_months.la_code and assessed.referral_id = referral_months.referral_id
    qualify row_number() over (
        partition by referral_months.la_code, referral_months.period_start, referral_months.child_id
        order by is_assessed desc, referral_months.referral_date desc
    ) = 1

)

select * from final
