-- Children on the care ladder at each month end of the SSDA903 coverage, one row per child:
--   looked after   every child in int_looked_after_at_month_end but those under an agreed
--                  series of short breaks (LS V3/V4), as OP_CLA counts them, in the
--                  category of the episode open at the month end (int_care_ladder_spells),
--                  so the looked after rows add up to OP_CLA
--   after care     children in an after-care spell at the month end (special
--                  guardianship): care ended on or before the month end, the 18th birthday
--                  and any later episode after it

with

looked_after as (

    select * from {{ ref('int_looked_after_at_month_end') }}
    where legal_status_category is distinct from 'short_breaks'

),

spells as (

    select * from {{ ref('int_care_ladder_spells') }}

),

months as (

    select * from {{ ref('int_coverage_months') }}
    where source_family = 'placement'

),

coverage as (

    {{ coverage_bounds('placement') }}

),

after_care_months as (

    -- each after-care spell's months open at the month end (macro month_starts_open: the
    -- open_at rule per spell, not a join of every spell to every month)
    select
        spells.*,
        cast(open_months.month_start as date) as period_start
    from spells
    {{ join_months_open('spells', 'start_date', 'end_date', 'open_months') }}
    where not spells.is_looked_after

),

looked_after_categories as (

    select
        looked_after.la_code,
        looked_after.period_start,
        looked_after.period_end,
        looked_after.child_id,
        coalesce(spells.placement_category, 'unmapped') as placement_category,
        true as is_looked_after,
        looked_after.episode_start_date as spell_start_date,
        looked_after.placement_type,
        looked_after.placement_provider
    from looked_after
    left join spells
        on spells.is_looked_after
        and spells.la_code = looked_after.la_code
        and spells.child_id = looked_after.child_id
        and spells.start_date = looked_after.episode_start_date
    qualify row_number() over (
        partition by looked_after.la_code, looked_after.period_start, looked_after.child_id
        order by spells.placement_category
    ) = 1

),

after_care as (

    select
        months.la_code,
        months.period_start,
        months.period_end,
        spells.child_id,
        spells.placement_category,
        false as is_looked_after,
        spells.start_date as spell_start_date,
        spells.placement_type,
        spells.placement_provider
    from after_care_months as spells
    inner join months
        on months.la_code = spells.la_code
        and months.period_start = spells.period_start
    anti join looked_after
        on looked_after.la_code = months.la_code
        and looked_after.period_start = months.period_start
        and looked_after.child_id = spells.child_id
    qualify row_number() over (
        partition by months.la_code, months.period_start, spells.child_id order by spells.start_date desc
    ) = 1

),

final as (

    select * from looked_after_categories
    union all
    select * from after_care

)

select * from final
