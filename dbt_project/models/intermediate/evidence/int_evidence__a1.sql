-- A1 evidence: every referral, in the month of its referral date. The monthly A1 value
-- sums the 12 evidence months ending in the month (rolling_months = 12 in
-- indicator_definitions), so the children behind a month's figure are the rows whose
-- period_start falls in that window.

with

history as (

    select * from {{ ref('int_referral_history') }}

),

final as (

    select
        la_code,
        'A1_v1' as definition_id,
        {{ dbt.date_trunc('month', "referral_date") }}::date as period_start,
        'referral' as subject_type,
        referral_id as subject_id,
        child_id,
        referral_date as event_date,
        is_re_referral_12_months as in_numerator
    from history

)

select * from final
