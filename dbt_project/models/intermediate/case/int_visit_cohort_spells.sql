-- The cohorts whose visits A4 2018/19 measures (seed 003:58 "Children seen in appropriate
-- timescales (CIN, CPP, and CIC)"; seed 003:104 names the cohorts CIC, CPP, Dual
-- Registered and CiN): one row per spell of a child in one cohort, from the day the child
-- entered it to the day they left it (null while open). A spell's start is where its
-- visit clock starts (int_visits_due).
--   Dual  on a CP plan and in a placement (looked after): held to the CP timescale
--   CP    on a CP plan (int_cp_plan_history); a new plan is a new spell
--   CLA   in a placement: a carer spell of int_carer_spells, which a change of legal status
--         alone (RNE L), a temporary placement or a same-carer episode (RNE T/U) does not
--         end; a new carer is a new spell. Days looked after outside any carer spell
--         (short breaks, LS V3/V4; temporary placements before a period's first; an episode
--         excluded for a DfE rule, which int_ssda903_children_left_out lists) are not CLA
--   CIN   an open referral (referral date to closure date) and neither of the above
-- Plans, placements and referrals end on their end date (a plan ending on a day is not open
-- that day), as the month-end snapshots count them. A child's days are cut at every start
-- and end of those records; consecutive days with the same cohort (and for CP the same
-- plan, for CLA the same placement) are one spell.

with

referrals as (

    select la_code, child_id, referral_date as start_date, closure_date as end_date
    from {{ ref('int_case__referrals') }}
    where referral_date is not null and (closure_date is null or closure_date > referral_date)

),

cp_plans as (

    select la_code, child_id, cp_plan_id, start_date, end_date
    from {{ ref('int_cp_plan_history') }}
    where end_date is null or end_date > start_date

),

placements as (

    select la_code, child_id, spell_number, spell_start_date as start_date, spell_end_date as end_date
    from {{ ref('int_carer_spells') }}
    where spell_end_date is null or spell_end_date > spell_start_date

),

boundaries as (

    select la_code, child_id, start_date as boundary_date from referrals
    union select la_code, child_id, end_date from referrals where end_date is not null
    union select la_code, child_id, start_date from cp_plans
    union select la_code, child_id, end_date from cp_plans where end_date is not null
    union select la_code, child_id, start_date from placements
    union select la_code, child_id, end_date from placements where end_date is not null

),

-- stretches of a child's time between consecutive boundaries: nothing starts or ends
-- inside one (the last is open-ended)
segments as (

    select
        la_code,
        child_id,
        boundary_date as segment_start,
        lead(boundary_date) over (partition by la_code, child_id order by boundary_date) as segment_end
    from boundaries

),

-- what is open on a segment's first day (so all of it); where two plans or placements
-- overlap (a data error the checks report), the later one
on_plan as (

    select segments.la_code, segments.child_id, segments.segment_start,
        max_by(cp_plans.cp_plan_id, cp_plans.start_date) as cp_plan_id
    from segments
    inner join cp_plans
        on cp_plans.la_code = segments.la_code and cp_plans.child_id = segments.child_id
        and {{ open_at('cp_plans.start_date', 'cp_plans.end_date', 'segments.segment_start') }}
    group by all

),

placed as (

    select segments.la_code, segments.child_id, segments.segment_start,
        max_by(placements.spell_number, placements.start_date) as spell_number,
        max(placements.start_date) as placement_start_date
    from segments
    inner join placements
        on placements.la_code = segments.la_code and placements.child_id = segments.child_id
        and {{ open_at('placements.start_date', 'placements.end_date', 'segments.segment_start') }}
    group by all

),

referred as (

    select distinct segments.la_code, segments.child_id, segments.segment_start
    from segments
    inner join referrals
        on referrals.la_code = segments.la_code and referrals.child_id = segments.child_id
        and referrals.start_date <= segments.segment_start
        and (referrals.end_date is null or referrals.end_date > segments.segment_start)

),

classified as (

    select
        segments.*,
        on_plan.cp_plan_id,
        placed.spell_number,
        placed.placement_start_date,
        case
            when on_plan.cp_plan_id is not null and placed.spell_number is not null then 'Dual'
            when on_plan.cp_plan_id is not null then 'CP'
            when placed.spell_number is not null then 'CLA'
            when referred.child_id is not null then 'CIN'
        end as cohort
    from segments
    left join on_plan using (la_code, child_id, segment_start)
    left join placed using (la_code, child_id, segment_start)
    left join referred using (la_code, child_id, segment_start)

),

keyed as (

    select
        *,
        case cohort
            when 'CP' then 'CP ' || cp_plan_id
            when 'CLA' then 'CLA ' || spell_number
            else cohort
        end as spell_key
    from classified

),

-- a new spell where the key changes (segments are consecutive, so the days are too)
islands as (

    select
        *,
        sum(case when spell_key is not distinct from previous_key then 0 else 1 end) over (
            partition by la_code, child_id order by segment_start rows unbounded preceding
        ) as island
    from (
        select *, lag(spell_key) over (partition by la_code, child_id order by segment_start) as previous_key
        from keyed
    )

),

final as (

    select
        la_code,
        child_id,
        any_value(cohort) as cohort,
        min(segment_start) as start_date,
        case when count(*) filter (where segment_end is null) > 0 then null else max(segment_end) end as end_date,
        any_value(cp_plan_id) as cp_plan_id,
        -- CLA: the placement (carer spell) and its start, from which the first year runs
        any_value(placement_start_date) filter (where cohort = 'CLA') as placement_start_date
    from islands
    where cohort is not null
    group by la_code, child_id, island

)

select * from final
