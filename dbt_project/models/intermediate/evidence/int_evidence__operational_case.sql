-- Evidence of the social care operational measures (no target):
--   OP_CONTACTS    contacts in the month
--   OP_REFERRALS   referrals in the month
--   OP_CIN         children in need at month end: an open referral (being assessed
--                  included) or looked after
--   OP_CPP         children on a CP plan at month end
--   OP_CASELOAD    qualified caseholding social workers holding cases at month end, each
--                  with their number of cases as the numerator amount (average caseload)
--   OP_CASELOAD_26 the same workers, in the numerator when holding 26 or more cases
-- Rates per 10,000 children reuse these rows (indicator_definitions.evidence_of).

with

contacts as (

    select * from {{ ref('int_case__contacts') }} where contact_date is not null

),

referrals as (

    select * from {{ ref('int_case__referrals') }} where referral_date is not null

),

in_need as (

    select la_code, period_start, child_id from {{ ref('int_children_in_need_at_month_end') }}
    union
    select la_code, period_start, child_id from {{ ref('int_open_plans_at_month_end') }} where is_looked_after

),

workers as (

    select * from {{ ref('int_worker_caseloads_at_month_end') }}
    where is_qualified_social_worker and is_caseholding and cases > 0

),

final as (

    select la_code, 'OP_CONTACTS' as definition_id, {{ dbt.date_trunc('month', "contact_date") }}::date as period_start,
        'contact' as subject_type, contact_id as subject_id, child_id, contact_date as event_date,
        true as in_numerator, null::double as numerator_amount
    from contacts

    union all

    select la_code, 'OP_REFERRALS', {{ dbt.date_trunc('month', "referral_date") }}::date,
        'referral', referral_id, child_id, referral_date, true, null
    from referrals

    union all

    select la_code, 'OP_CIN', period_start, 'child in need', child_id, child_id, null, true, null
    from in_need

    union all

    select la_code, 'OP_CPP', period_start, 'child on CP plan', child_id, child_id, start_date, true, null
    from {{ ref('int_cp_plans_at_month_end') }}

    union all

    select la_code, 'OP_CASELOAD', period_start, 'worker', worker_id, null, null, true, cases
    from workers

    union all

    select la_code, 'OP_CASELOAD_26', period_start, 'worker', worker_id, null, null, cases >= 26, null
    from workers

)

select * from final
