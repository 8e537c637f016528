-- Evidence of the children in care operational measures (no target):
--   OP_CLA                   children looked after at the month end, leaving out those looked
--                            after then under an agreed series of short breaks (LS V3/V4), as
--                            the national count does. A child whose episode breaks a DfE rule
--                            (excluded from the history: overlapping, duplicated, a code not of
--                            the year) is still looked after and counted
--                            (int_looked_after_at_month_end)
--   OP_CLA_IN_HOUSE_FOSTER   of those, placed with the authority's own foster carers: PLACE
--                            U1-U6 (seed category foster) with PLACE_PROVIDER PR1
--   OP_CLA_OUT_OF_AUTHORITY  of those (denominator), placed with a provider other than the
--                            authority itself or the child's parents: PLACE_PROVIDER PR2
--                            (another authority), PR3 (other public), PR4 (private), PR5
--                            (voluntary) - seed category external. The 903 episode fields in
--                            the contract say who provides a placement, not where it is, so
--                            this is "provided outside the authority"; placements without a
--                            provider, with parents (PR0) or the authority's own (PR1) are
--                            not counted
--   OP_CLA_IN_HOUSE_FOSTER and OP_CLA_OUT_OF_AUTHORITY leave out (numerator and denominator) a
--                            child whose month-end episode is excluded: the placement is not
--                            known. The quality gate says how many (int_ssda903_children_left_out)
--   OP_MISSING_24H           missing episodes (MISSING M; "away without authorisation" A is
--                            not counted) lasting more than 24 hours, in the month they
--                            started: MIS_END at least a day after MIS_START, or still open
--                            (the dates carry no time, so a day apart is taken as over 24
--                            hours); a rolling 3 months by the definition's rolling_months
-- OP_CLA_RATE counts OP_CLA's evidence per 10,000 children (indicator_definitions.evidence_of).
-- The cohort is the placement type (OP_CLA, OP_CLA_IN_HOUSE_FOSTER) or the provider
-- (OP_CLA_OUT_OF_AUTHORITY) as a code of the collection year (seed ssda903_codes), or
-- 'unknown' when it is not one (issue 16: no published category is free text; the check
-- "PLACE valid for the year" / "PLACE_PROVIDER valid for the year" names the rows).

with

looked_after as (

    select * from {{ ref('int_looked_after_at_month_end') }}
    where legal_status_category is distinct from 'short_breaks'

),

missing as (

    select * from {{ ref('int_ssda903_missing_checks') }}
    where not is_excluded and missing_category = 'missing'

),

final as (

    select
        la_code,
        'OP_CLA' as definition_id,
        period_start,
        'child looked after' as subject_type,
        child_id as subject_id,
        child_id,
        episode_start_date as event_date,
        case when placement_category is null and placement_type is not null then 'unknown' else placement_type end
            as cohort,
        true as in_numerator
    from looked_after

    union all

    select
        la_code, 'OP_CLA_IN_HOUSE_FOSTER', period_start, 'child looked after', child_id, child_id,
        episode_start_date, placement_type, true
    from looked_after
    where placement_category = 'foster' and provider_category = 'own_provision'
        and not is_excluded_episode

    union all

    select
        la_code, 'OP_CLA_OUT_OF_AUTHORITY', period_start, 'child looked after', child_id, child_id,
        episode_start_date,
        case when provider_category is null and placement_provider is not null then 'unknown' else placement_provider end,
        coalesce(provider_category = 'external', false)
    from looked_after
    where not is_excluded_episode

    union all

    select
        la_code, 'OP_MISSING_24H', cast({{ dbt.date_trunc('month', "missing_start_date") }} as date), 'missing episode',
        child_id || ' ' || cast(missing_start_date as varchar), child_id, missing_start_date, null, true
    from missing
    where missing_end_date is null or missing_days >= 1

)

select * from final
