-- Carer spells: the time a child lives with one carer. One row per spell: consecutive
-- episodes of a period of care with no change of carer (int_placement_carer_changes). A
-- temporary placement belongs to the spell it interrupts (it neither ends nor starts one),
-- so a foster placement with a hospital stay in the middle is one spell. Short-break
-- episodes (LS V3/V4, int_short_break_episodes) are never a spell. Temporary episodes at
-- the start of a period, before its first real placement, belong to no spell.
--   spell_start_date   start of the spell's first episode
--   spell_end_date     end of its last episode (the next carer's start, or the end of the
--                      period of care); null while open
--   previous_spell_start_date  start of the spell before it in the same period of care (B9:
--                      an adoptive placement counts together with the placement before it)
-- B10 counts spells as placements; B9 asks how long the current spell has lasted.

with

changes as (

    select * from {{ ref('int_placement_carer_changes') }}
    where legal_status_category is distinct from 'short_breaks'

),

numbered as (

    select
        *,
        sum(case when is_carer_change then 1 else 0 end) over (
            partition by la_code, child_id, period_number order by start_date rows unbounded preceding
        ) as spell_in_period
    from changes

),

spells as (

    select
        la_code,
        child_id,
        period_number,
        spell_in_period,
        min(start_date) as spell_start_date,
        case when count(*) filter (where end_date is null) > 0 then null else max(end_date) end as spell_end_date,
        count(*) as episodes
    from numbered
    where spell_in_period > 0
    group by la_code, child_id, period_number, spell_in_period

),

final as (

    select
        la_code,
        child_id,
        period_number,
        row_number() over (partition by la_code, child_id order by spell_start_date) as spell_number,
        spell_start_date,
        spell_end_date,
        episodes,
        lag(spell_start_date) over (
            partition by la_code, child_id, period_number order by spell_start_date
        ) as previous_spell_start_date
    from spells

)

select * from final
