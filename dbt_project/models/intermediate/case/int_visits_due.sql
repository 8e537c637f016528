-- A4 2018/19: the visits due to children in the cohorts of int_visit_cohort_spells, and
-- whether each was made in time. Seed 003:104 counts this measure in visits ("This amounts
-- to 56 visits in the quarter") and gives per-cohort rates (CIC, CPP, Dual Registered, CiN).
-- The intervals are seed visit_timescales (value and unit per cohort and phase); edit them
-- there, never here.
--
-- A visit falls due after each "anchor": the start of the cohort spell, then each visit
-- that counts for the cohort. Its due date is the anchor + the interval. It was made in
-- time when the next visit that counts is on or before the due date; otherwise it is late
-- (made after) or not made. Each due visit is one row, counted in the month of its due date
-- whatever happened, and only if the child is still in the cohort on that day (a plan,
-- placement or referral ending on the due date or before it leaves nothing due). A missed
-- visit does not make another one fall due: the next falls due after the visit that is
-- eventually made (docs/indicators.md, A4, gives the alternative).
--   a visit that counts  child seen (child_seen Y), dated, of the cohort's case note type
--                        (visit_type CIN, CP, CLA; Dual: CP or CLA). Seed 003:104: "when
--                        looking across all case note types ... 79% of CIN were seen within
--                        timescale": the reported rate counts the cohort's own type only.
--                        Several visits on one day are one.
--   phase                CLA: first_placement_week for the spell's start when it is the
--                        start of the placement (carer spell); first_year when the anchor
--                        is before the placement's first anniversary; after_first_year.
--                        The carer spell is not restarted by RNE L (legal status only).
--                        Other cohorts: all.
--   working_days         due on the interval's last working day after the anchor; a visit
--                        on the days off straight after it is still in time (working days
--                        counted as in A4_v2, int_calendar_days)

with

spells as (

    select
        *,
        -- one number a spell (a child's spells never share a start date: the unique test on
        -- int_visit_cohort_spells), so that the anchors are joined and ordered on one integer
        -- rather than on two texts and a number (at 150 authorities the lead() below took 70 s
        -- of the query's 97 s on the texts, 33 s on the integer)
        row_number() over (order by la_code, child_id, start_date) as spell_key
    from {{ ref('int_visit_cohort_spells') }}

),

timescales as (

    select cohort, phase, interval_value, interval_unit from {{ ref('visit_timescales') }}

),

calendar as (

    select * from {{ ref('int_calendar_days') }}

),

-- each working day and the last day of its count (itself and the days off after it)
working_days as (

    select working_day_number, min(date_day) as working_day, max(date_day) as last_day
    from calendar
    group by working_day_number

),

visits as (

    -- not made distinct here: spell_visits is (several visits on one day are one)
    select la_code, child_id, visit_type, visit_date
    from {{ ref('int_case__visits') }}
    where is_child_seen and visit_date is not null

),

spell_visits as (

    select distinct
        spells.spell_key,
        visits.visit_date as anchor_date,
        1 as anchor_order
    from spells
    inner join visits
        on visits.la_code = spells.la_code
        and visits.child_id = spells.child_id
        and visits.visit_date >= spells.start_date
        and (spells.end_date is null or visits.visit_date < spells.end_date)
        and (
            visits.visit_type = spells.cohort
            or (spells.cohort = 'Dual' and visits.visit_type in ('CP', 'CLA'))
        )

),

anchors as (

    select spell_key, start_date as anchor_date, 0 as anchor_order from spells
    union all
    select * from spell_visits

),

sequenced as (

    select
        anchors.*,
        lead(anchors.anchor_date) over (
            partition by anchors.spell_key
            order by anchors.anchor_date, anchors.anchor_order
        ) as next_visit_date,
        spells.la_code,
        spells.child_id,
        spells.cohort,
        spells.start_date as spell_start_date,
        spells.end_date as spell_end_date,
        case
            when spells.cohort <> 'CLA' then 'all'
            when anchors.anchor_order = 0 and anchors.anchor_date = spells.placement_start_date
                then 'first_placement_week'
            when anchors.anchor_date < {{ dbt.dateadd('year', 1, 'spells.placement_start_date') }} then 'first_year'
            else 'after_first_year'
        end as phase
    from anchors
    inner join spells using (spell_key)

),

dated as (

    select
        sequenced.*,
        timescales.interval_value,
        timescales.interval_unit,
        case timescales.interval_unit
            when 'working_days' then working_days.working_day
            when 'days' then sequenced.anchor_date + timescales.interval_value
        end::date as due_date,
        -- the last day a visit is in time
        case timescales.interval_unit
            when 'working_days' then working_days.last_day
            when 'days' then sequenced.anchor_date + timescales.interval_value
        end::date as last_day_in_time
    from sequenced
    left join timescales
        on timescales.cohort = sequenced.cohort and timescales.phase = sequenced.phase
    left join calendar as anchor_day
        on anchor_day.date_day = sequenced.anchor_date
    left join working_days
        on timescales.interval_unit = 'working_days'
        and working_days.working_day_number = anchor_day.working_day_number + timescales.interval_value

),

final as (

    select
        la_code,
        child_id,
        cohort,
        spell_start_date,
        case when anchor_order = 0 then 'spell start' else 'visit' end as anchor_type,
        anchor_date,
        phase,
        interval_value,
        interval_unit,
        due_date,
        next_visit_date,
        coalesce(next_visit_date <= last_day_in_time, false) as is_made_in_time,
        case
            when next_visit_date <= last_day_in_time then 'in time'
            when next_visit_date is not null then 'late'
            else 'not made'
        end as outcome
    from dated
    -- a cohort or phase without a row in visit_timescales (or an unknown unit) keeps a null
    -- due date, which the model's not_null test reports, rather than being left out
    where spell_end_date is null or due_date is null or due_date < spell_end_date

)

select * from final
