-- B10 evidence (short-term placement stability): children looked after at the month end,
-- leaving out those looked after then under an agreed series of short breaks (LS V3/V4) and
-- any child with an episode in the last 12 months that was excluded for breaking a DfE rule
-- (int_ssda903_episode_checks). In the numerator: 3 or more placements (carer spells,
-- int_carer_spells) in the 12 months ending at the month end. cohort: the number of
-- placements (1, 2, 3, ...).

with

stability as (

    select * from {{ ref('int_placement_stability_at_month_end') }}

),

final as (

    select
        la_code,
        'B10_v1' as definition_id,
        period_start,
        'child looked after' as subject_type,
        child_id as subject_id,
        child_id,
        episode_start_date as event_date,
        cast(placements_in_12_months as varchar) as cohort,
        placements_in_12_months >= 3 as in_numerator
    from stability
    where not short_break_at_month_end
        and not excluded_episode_in_12_months

)

select * from final
