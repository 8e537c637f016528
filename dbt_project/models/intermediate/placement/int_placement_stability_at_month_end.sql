-- Placement stability of each child looked after at each month end (B9 and B10): one row per
-- child per month end (int_looked_after_at_month_end), with what the two measures ask.
-- Day-count conventions (the month end is the last day of the month, and counts):
--   looked_after_30_months  the period of care started on or before the same calendar day
--                           30 months before the month end: start + 30 months <= month end
--                           (31 Mar 2017: started on or before 30 Sep 2014; month arithmetic
--                           clamps to the month's last day, so 31 Aug 2014 + 30 months =
--                           28 Feb 2017)
--   same_carer_2_years      the current carer spell started on or before the same calendar
--                           day two years before: spell start + 2 years <= month end
--   adoption_2_years        placed for adoption with new carers (PLACE A4/A6) and the spell
--                           before it in the same period of care started on or before the
--                           same day two years before (the adoptive placement and the one
--                           before it together last 2 years); A3/A5 (the foster carer adopts)
--                           are not a new spell, so same_carer_2_years covers them
--   placements_in_12_months carer spells (int_carer_spells) open at some time in the 12
--                           months ending at the month end, i.e. from the first day of the
--                           month 11 months before (31 Mar 2017: 1 Apr 2016 - 31 Mar 2017):
--                           start <= month end and (end is null or end > window start); a
--                           spell that ended on the window's first day is not counted (an
--                           episode ending on a day has ended by it, as everywhere in this
--                           project). A spell of less than a day (ceased the day it started)
--                           is not a placement ("all placements of 24 hours or more").
--   under_16                the 16th birthday is after the month end
-- Exclusions (kept as flags; the evidence models apply them):
--   short_break_at_month_end     the month-end episode is LS V3/V4
--   short_break_in_30_months     an LS V3/V4 episode at any time in the 30 months to the month end
--   excluded_episode_in_30_months / _12_months  an episode left out for breaking a DfE rule
--                           (int_ssda903_episode_checks) falls in the window: the history
--                           there cannot be trusted, so the child is left out of that measure

with

looked_after as (

    select * from {{ ref('int_looked_after_at_month_end') }}

),

spells as (

    select * from {{ ref('int_carer_spells') }}

),

short_breaks as (

    select * from {{ ref('int_short_break_episodes') }}

),

excluded as (

    select
        la_code,
        child_id,
        least(start_date, coalesce(end_date, start_date)) as first_date,
        greatest(start_date, coalesce(end_date, date '9999-12-31')) as last_date
    from {{ ref('int_ssda903_episode_checks') }}
    where is_excluded and child_id is not null and start_date is not null

),

header as (

    select la_code, child_id, min(birth_date) as birth_date
    from {{ ref('int_cla__header') }}
    where child_id is not null
    group by la_code, child_id

),

windows as (

    select
        looked_after.*,
        cast({{ dbt.dateadd('month', -30, 'looked_after.period_end') }} as date) as window_30_months_start,
        cast({{ dbt.dateadd('month', -11, 'looked_after.period_start') }} as date) as window_12_months_start
    from looked_after

),

current_spell as (

    select
        windows.la_code,
        windows.period_start,
        windows.child_id,
        spells.spell_number,
        spells.spell_start_date,
        spells.previous_spell_start_date
    from windows
    inner join spells
        on spells.la_code = windows.la_code
        and spells.child_id = windows.child_id
        and spells.period_number = windows.period_number
        and {{ open_at('spells.spell_start_date', 'spells.spell_end_date', 'windows.period_end') }}

),

placements as (

    select
        windows.la_code,
        windows.period_start,
        windows.child_id,
        count(*) as placements_in_12_months
    from windows
    inner join spells
        on spells.la_code = windows.la_code
        and spells.child_id = windows.child_id
        and spells.spell_start_date <= windows.period_end
        and (spells.spell_end_date is null or spells.spell_end_date > windows.window_12_months_start)
        and (spells.spell_end_date is null or spells.spell_end_date > spells.spell_start_date)
    group by windows.la_code, windows.period_start, windows.child_id

),

short_break_30_months as (

    select distinct windows.la_code, windows.period_start, windows.child_id
    from windows
    inner join short_breaks
        on short_breaks.la_code = windows.la_code
        and short_breaks.child_id = windows.child_id
        and short_breaks.start_date <= windows.period_end
        and (short_breaks.end_date is null or short_breaks.end_date > windows.window_30_months_start)

),

-- children with an excluded episode (int_ssda903_episode_checks) touching each window:
-- one scan of the episodes, a flag per window
excluded_in_windows as (

    select
        windows.la_code,
        windows.period_start,
        windows.child_id,
        bool_or(excluded.last_date >= windows.window_30_months_start) as in_30_months,
        bool_or(excluded.last_date >= windows.window_12_months_start) as in_12_months
    from windows
    inner join excluded
        on excluded.la_code = windows.la_code
        and excluded.child_id = windows.child_id
        and excluded.first_date <= windows.period_end
        and excluded.last_date >= least(windows.window_30_months_start, windows.window_12_months_start)
    group by all

),

final as (

    select
        windows.la_code,
        windows.period_start,
        windows.period_end,
        windows.child_id,
        header.birth_date,
        windows.period_start_date as care_period_start_date,
        windows.episode_start_date,
        windows.legal_status,
        windows.placement_type,
        windows.placement_provider,
        windows.placement_category,
        current_spell.spell_number,
        current_spell.spell_start_date,
        current_spell.previous_spell_start_date,
        coalesce(placements.placements_in_12_months, 0) as placements_in_12_months,
        header.birth_date is not null
            and cast({{ dbt.dateadd('year', 16, 'header.birth_date') }} as date) > windows.period_end as is_under_16,
        cast({{ dbt.dateadd('month', 30, 'windows.period_start_date') }} as date) <= windows.period_end
            as looked_after_30_months,
        coalesce(cast({{ dbt.dateadd('year', 2, 'current_spell.spell_start_date') }} as date) <= windows.period_end, false)
            as same_carer_2_years,
        coalesce(
            windows.placement_category = 'placed_for_adoption'
            and cast({{ dbt.dateadd('year', 2, 'current_spell.previous_spell_start_date') }} as date) <= windows.period_end,
            false
        ) as adoption_2_years,
        coalesce(windows.legal_status_category = 'short_breaks', false) as short_break_at_month_end,
        short_break_30_months.child_id is not null as short_break_in_30_months,
        coalesce(excluded_in_windows.in_30_months, false) as excluded_episode_in_30_months,
        coalesce(excluded_in_windows.in_12_months, false) as excluded_episode_in_12_months
    from windows
    left join header on header.la_code = windows.la_code and header.child_id = windows.child_id
    left join current_spell
        on current_spell.la_code = windows.la_code and current_spell.period_start = windows.period_start
        and current_spell.child_id = windows.child_id
    left join placements
        on placements.la_code = windows.la_code and placements.period_start = windows.period_start
        and placements.child_id = windows.child_id
    left join short_break_30_months
        on short_break_30_months.la_code = windows.la_code and short_break_30_months.period_start = windows.period_start
        and short_break_30_months.child_id = windows.child_id
    left join excluded_in_windows
        on excluded_in_windows.la_code = windows.la_code and excluded_in_windows.period_start = windows.period_start
        and excluded_in_windows.child_id = windows.child_id

)

select * from final
