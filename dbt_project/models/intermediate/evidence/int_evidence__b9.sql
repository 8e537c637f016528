-- B9 evidence (long-term placement stability): children looked after at the month end,
-- aged under 16, looked after continuously for at least 2.5 years (30 months), leaving out
-- any child looked after under an agreed series of short breaks (LS V3/V4) at any time in
-- those 30 months, any child whose date of birth is unknown, and any child with an episode
-- in the 30 months that was excluded for breaking a DfE rule (int_ssda903_episode_checks).
-- In the numerator: the same carer for at least 2 years, or placed for adoption where the
-- adoptive placement and the one before it together last 2 years. Day counts and the carer
-- rules: int_placement_stability_at_month_end and int_carer_spells.
-- cohort: same carer / adoption / moved.
-- The same children split by the placement they are in at the month end (seed 003:98-99:
-- "Long-term placement stability within our in-house foster carers is higher still (83%),
-- and when compared to IFA placement stability (77%)"), by the care ladder category of
-- seed placement_category_map (macro care_ladder_category), B9's rule unchanged:
--   OP_B9_IN_HOUSE_FOSTER  in_house_fostering: PLACE U1-U6 with PLACE_PROVIDER PR1 (own provision)
--   OP_B9_IFA              independent_fostering_agency: PLACE U1-U6 with PR4 (private) or PR5
--                          (voluntary). Foster placements with another authority's carers (PR2)
--                          are in neither.

with

stability as (

    select * from {{ ref('int_placement_stability_at_month_end') }}

),

b9 as (

    select
        la_code,
        period_start,
        child_id,
        spell_start_date,
        case
            when same_carer_2_years then 'same carer'
            when adoption_2_years then 'adoption'
            else 'moved'
        end as cohort,
        same_carer_2_years or adoption_2_years as in_numerator,
        {{ care_ladder_category('placement_type', 'placement_provider') }} as care_ladder_category
    from stability
    where is_under_16
        and looked_after_30_months
        and not short_break_at_month_end
        and not short_break_in_30_months
        and not excluded_episode_in_30_months

),

final as (

    select
        la_code,
        'B9_v1' as definition_id,
        period_start,
        'child looked after 2.5 years' as subject_type,
        child_id as subject_id,
        child_id,
        spell_start_date as event_date,
        cohort,
        in_numerator
    from b9

    union all

    select
        la_code, 'OP_B9_IN_HOUSE_FOSTER', period_start, 'child looked after 2.5 years', child_id, child_id,
        spell_start_date, cohort, in_numerator
    from b9
    where care_ladder_category = 'in_house_fostering'

    union all

    select
        la_code, 'OP_B9_IFA', period_start, 'child looked after 2.5 years', child_id, child_id,
        spell_start_date, cohort, in_numerator
    from b9
    where care_ladder_category = 'independent_fostering_agency'

)

select * from final
