-- Rule: a change of carer. One row per episode of int_care_periods, saying whether the child
-- moved to a new carer when it started (is_carer_change).
--   a new carer     RNE P or B (change of placement and carer), or S (started to be looked
--                   after; also the first placement of every period of care)
--   not a move      RNE L (change of legal status only); RNE T or U (a new placement with
--                   the same carer, e.g. foster carers becoming adopters); being placed for
--                   adoption with the existing foster carer (PLACE A3 or A5) whatever the RNE;
--                   a temporary placement (PLACE T0-T4) and the return to the normal placement
--                   after one (int_temporary_placements)
-- The first episode of a period of care that is not temporary always starts with a new
-- carer (a period that opens with a temporary placement starts its first carer at the next
-- episode). The RNE categories are in seed ssda903_codes.

with

episodes as (

    select * from {{ ref('int_care_periods') }}

),

temporary as (

    select * from {{ ref('int_temporary_placements') }}

),

joined as (

    select
        episodes.la_code,
        episodes.child_id,
        episodes.start_date,
        episodes.end_date,
        episodes.period_number,
        temporary.episode_number,
        episodes.reason_new_episode,
        episodes.rne_category,
        episodes.legal_status,
        episodes.legal_status_category,
        episodes.placement_type,
        episodes.placement_category,
        episodes.placement_provider,
        temporary.is_temporary,
        temporary.is_return_from_temporary,
        count(case when not temporary.is_temporary then 1 end) over (
            partition by episodes.la_code, episodes.child_id, episodes.period_number
            order by episodes.start_date rows between unbounded preceding and 1 preceding
        ) = 0 as is_first_placement_of_period
    from episodes
    inner join temporary
        on temporary.la_code = episodes.la_code
        and temporary.child_id = episodes.child_id
        and temporary.start_date = episodes.start_date

),

final as (

    select
        *,
        not is_temporary and (
            is_first_placement_of_period
            or (
                rne_category in ('started', 'carer_change')
                and not is_return_from_temporary
                and placement_category is distinct from 'placed_for_adoption_current_carer'
            )
        ) as is_carer_change
    from joined

)

select * from final
