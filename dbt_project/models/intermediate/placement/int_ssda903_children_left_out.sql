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
--   OP_CPP_CEASED_LOOKED_AFTER   a CP plan ended in the month, and whether the child became
--            looked after cannot be told: an excluded episode starts in the plan's window and
--            no period of care does (int_evidence__op_cp_ceased: cohort unknown in OP_CPP_CEASED)
--   OP_ADOPTION_A1, OP_ADOPTION_A2   a child adopted (REC E11/E12) whose period of care
--            overlaps an excluded episode (int_adoptions is_history_incomplete), or whose
--            adoption is itself recorded only on an excluded episode; in every month whose rolling
--            window (indicator_definitions rolling_months) the adoption falls in
--   A4_v3, OP_A4_CLA, OP_A4_DUAL   an excluded episode (not a short break) is open on some
--            day of the month: the placement is no carer spell (int_carer_spells keeps only
--            int_care_periods' episodes), so no CLA or Dual visit falls due in it
--            (int_visit_cohort_spells). A4_v3 holds the child to the CIN or CP timescale
--            instead where a referral or a plan is open (and OP_A4_CIN or OP_A4_CP counts
--            them), or leaves them out. A4_v3 and OP_A4_CLA list every such month,
--            OP_A4_DUAL only those a CP plan is open on some day of. Upper bounds: a plan open
--            all month would have made the child Dual, not CLA, and a kept episode open beside
--            the excluded one still makes a spell. Reading chosen: any day of the month, as
--            visits fall due on any day; the month-end reading of OP_CLA_IN_HOUSE_FOSTER
--            would miss an episode that ended in the month

with

stability as (

    select * from {{ ref('int_placement_stability_at_month_end') }}

),

looked_after as (

    select * from {{ ref('int_looked_after_at_month_end') }}
    where legal_status_category is distinct from 'short_breaks'

),

cp_ceased as (

    select * from {{ ref('int_evidence__op_cp_ceased') }}
    where definition_id = 'OP_CPP_CEASED' and cohort = 'unknown'

),

adoptions as (

    select * from {{ ref('int_adoptions') }}

),

adoptions_left_out as (

    select la_code, child_id, {{ dbt.date_trunc('month', "adopted_date") }}::date as adopted_month
    from adoptions
    where is_history_incomplete

    union

    select excluded.la_code, excluded.child_id, {{ dbt.date_trunc('month', "excluded.end_date") }}::date
    from {{ ref('int_ssda903_episode_checks') }} as excluded
    where excluded.is_excluded
        and excluded.reason_ceased_category = 'adopted'
        and excluded.child_id is not null
        and excluded.end_date is not null
        and not exists (
            select 1 from adoptions
            where adoptions.la_code = excluded.la_code
                and adoptions.child_id = excluded.child_id
                and adoptions.adopted_date = excluded.end_date
        )

),

reported as (

    select * from {{ ref('int_reporting_months') }}

),

-- the months an excluded episode is open on some day of, each once a child however many
-- are open in it (an episode's end date is the day the child ceased, not open that day, as
-- int_visit_cohort_spells ends placements), up to the authority's last reported month
-- (an open episode runs on)
excluded_months as (

    select distinct excluded.la_code, excluded.child_id, cast(month_start as date) as period_start
    from {{ ref('int_ssda903_episode_checks') }} as excluded
    inner join (select la_code, max(period_start) as last_month from reported group by la_code) as bounds
        on bounds.la_code = excluded.la_code
    cross join lateral (
        select unnest(generate_series(
            {{ dbt.date_trunc('month', 'excluded.start_date') }},
            least(coalesce({{ dbt.date_trunc('month', 'excluded.end_date - 1') }}, bounds.last_month), bounds.last_month),
            interval 1 month
        )) as month_start
    )
    where excluded.is_excluded
        and excluded.child_id is not null
        and excluded.start_date is not null
        and (excluded.end_date is null or excluded.end_date > excluded.start_date)
        and excluded.legal_status_category is distinct from 'short_breaks'

),

-- of those months, the ones a CP plan is open on some day of (int_visit_cohort_spells'
-- plans: ending on their end date): only then could the child have been Dual
excluded_months_on_plan as (

    select distinct excluded_months.la_code, excluded_months.child_id, excluded_months.period_start
    from excluded_months
    inner join {{ ref('int_cp_plan_history') }} as plans
        on plans.la_code = excluded_months.la_code
        and plans.child_id = excluded_months.child_id
        and plans.start_date <= {{ dbt.last_day('excluded_months.period_start', 'month') }}
        and (plans.end_date is null or plans.end_date > excluded_months.period_start)
        and (plans.end_date is null or plans.end_date > plans.start_date)

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

    union all

    select la_code, 'OP_CPP_CEASED_LOOKED_AFTER', period_start, child_id
    from cp_ceased

    union all

    select adoptions_left_out.la_code, measures.definition_id, cast(window_month as date), adoptions_left_out.child_id
    from adoptions_left_out
    cross join (
        select definition_id, rolling_months from {{ ref('indicator_definitions') }}
        where definition_id in ('OP_ADOPTION_A1', 'OP_ADOPTION_A2')
    ) as measures
    cross join lateral (
        select unnest(generate_series(
            adoptions_left_out.adopted_month,
            {{ dbt.dateadd('month', 'measures.rolling_months - 1', 'adoptions_left_out.adopted_month') }},
            interval 1 month
        )) as window_month
    )

    union all

    select la_code, definition_id, period_start, child_id
    from excluded_months
    cross join (values ('A4_v3'), ('OP_A4_CLA')) as measures (definition_id)

    union all

    select la_code, 'OP_A4_DUAL', period_start, child_id
    from excluded_months_on_plan

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
