-- Children looked after whom a children in care measure leaves out because an episode of
-- theirs breaks a DfE rule (int_ssda903_episode_checks, is_excluded): one row per authority,
-- measure and child, over the months the measure is reported (int_reporting_months). The
-- quality gate (suite ssda903_measures, expectations/checks.yml) reports, per authority and
-- measure, how many children; each of them is still counted in OP_CLA and OP_CLA_RATE
-- (int_looked_after_at_month_end keeps excluded episodes).
--   B9_v1    under 16, no short break at the month end or in the 30 months, and an excluded
--            episode in the 30 months (int_evidence__b9 leaves them out: whether they were
--            looked after 30 months, and with which carer, cannot be told)
--   B10_v1   no short break at the month end and an excluded episode in the 12 months
--            (int_evidence__b10)
--   OP_CLA_IN_HOUSE_FOSTER, OP_CLA_OUT_OF_AUTHORITY   counted in OP_CLA but the episode open
--            at the month end is excluded, so the placement is not known
--            (int_evidence__cla_operational); OP_IN_HOUSE_RES_OCCUPANCY likewise, for an
--            authority that supplies in-house home places (int_evidence__in_house_provision)

with

stability as (

    select * from {{ ref('int_placement_stability_at_month_end') }}

),

looked_after as (

    select * from {{ ref('int_looked_after_at_month_end') }}
    where legal_status_category is distinct from 'short_breaks'

),

reported as (

    select * from {{ ref('int_reporting_months') }}

),

left_out as (

    select la_code, 'B9_v1' as definition_id, period_start, child_id
    from stability
    where is_under_16
        and not short_break_at_month_end
        and not short_break_in_30_months
        and excluded_episode_in_30_months

    union all

    select la_code, 'B10_v1', period_start, child_id
    from stability
    where not short_break_at_month_end
        and excluded_episode_in_12_months

    union all

    select la_code, definition_id, period_start, child_id
    from looked_after
    cross join (values ('OP_CLA_IN_HOUSE_FOSTER'), ('OP_CLA_OUT_OF_AUTHORITY')) as measures (definition_id)
    where is_excluded_episode

    union all

    select la_code, 'OP_IN_HOUSE_RES_OCCUPANCY', period_start, child_id
    from looked_after
    where is_excluded_episode
        and la_code in (select la_code from {{ ref('stg_reference__in_house_homes') }} where valid_from is not null and places is not null)

),

final as (

    select
        left_out.la_code,
        left_out.definition_id,
        left_out.child_id,
        count(*) as months_left_out,
        min(left_out.period_start) as first_month,
        max(left_out.period_start) as last_month
    from left_out
    inner join reported
        on reported.la_code = left_out.la_code
        and reported.definition_id = left_out.definition_id
        and reported.period_start = left_out.period_start
    group by all

)

select * from final
