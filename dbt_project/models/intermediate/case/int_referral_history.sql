-- A child's referral history: each referral with the same child's previous referral.
-- A re-referral is a referral whose previous referral (any outcome, NFA included, as
-- DfE counts them) has a referral date on or after the same calendar date 12 months
-- earlier: 12 months less a day counts, exactly 12 months counts, 12 months and a day
-- does not. Same-day referrals of one child are ordered by referral id.

with

referrals as (

    select * from {{ ref('int_case__referrals') }}
    where referral_date is not null

),

sequenced as (

    select
        la_code,
        referral_id,
        child_id,
        referral_date,
        lag(referral_date) over (
            partition by la_code, child_id order by referral_date, referral_id
        ) as previous_referral_date
    from referrals

),

final as (

    select
        *,
        coalesce(previous_referral_date >= {{ dbt.dateadd('month', -12, 'referral_date') }}, false) as is_re_referral_12_months
    from sequenced

)

select * from final
