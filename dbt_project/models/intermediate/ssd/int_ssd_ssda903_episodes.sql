-- The SSDA903 episode history derived from an SSD (docs/ssd.md, "The looked-after side"):
-- rows shaped like stg_ssda903__episodes, so every SSDA903 check and measure applies
-- unchanged (int_cla__episodes unions the two sources).
-- 1. A period of care is the SSD's CLA id (clae_cla_id): it starts on the earliest
--    start of its ssd_cla_episodes rows, ends on their latest ceased date (open while any
--    row is open), and ceased for the reason on its latest-starting row.
-- 2. A new episode starts at the start of the period and on every day inside it on which
--    the placement in force (ssd_cla_placement of the CLA id) or the legal status in force
--    (ssd_legal_status of the child) changes; a placement or legal status ending with
--    nothing after it is a change too (to none: PLACE or LS blank, which the episode
--    checks exclude and report). A day on which a new row starts with the same placement
--    id and legal status is not a new episode.
-- 3. RNE (seed ssda903_codes): S at the start of the period; otherwise B when both changed
--    and P when only the placement did, U and T instead when the new placement is with the
--    current carers (PLACE category placed_for_adoption_current_carer: A3, A5); L when only
--    the legal status changed. A temporary placement (T0-T4) is a placement change (P):
--    int_temporary_placements recognises it and the return from it by PLACE.
-- 4. DEC is the next episode's start, or the period's end; REC is X1 when the next episode
--    starts that day, else the period's ceased reason (blank while open).
--    REASON_PLACE_CHANGE is the ending placement's change reason, on the episode whose end
--    is a placement change.
-- 5. collection_year is that of the return that would hold the episode last: of DEC, or
--    the extract's own year while open (int_ssd_extract_dates).
-- Rows without a person, CLA id or start cannot be placed in time: they are in no period,
-- and the check "CLA episode unusable" (suite ssd_looked_after) reports them.

{{ config(tags=['staging']) }}

with

cla as (

    select * from {{ ref('stg_ssd__cla_episodes') }}
    where person_id is not null and cla_id is not null and start_date is not null

),

placements as (

    select * from {{ ref('stg_ssd__cla_placement') }}
    where cla_id is not null and start_date is not null

),

legal_statuses as (

    select * from {{ ref('stg_ssd__legal_status') }}
    where person_id is not null and start_date is not null

),

extracts as (

    select * from {{ ref('int_ssd_extract_dates') }}

),

current_carer_places as (

    select code from {{ ref('ssda903_codes') }}
    where field = 'PLACE' and category = 'placed_for_adoption_current_carer'

),

periods as (

    select
        la_code,
        person_id,
        cla_id,
        min(start_date) as period_start_date,
        case when count(*) filter (where ceased_date is null) > 0 then null else max(ceased_date) end
            as period_end_date,
        arg_max(ceased_reason, start_date) as period_ceased_reason
    from cla
    group by la_code, person_id, cla_id

),

candidate_days as (

    select la_code, person_id, cla_id, period_start_date as day from periods
    union
    select periods.la_code, periods.person_id, periods.cla_id, d.day
    from periods
    inner join placements on placements.la_code = periods.la_code and placements.cla_id = periods.cla_id
    cross join lateral (select unnest([placements.start_date, placements.end_date]) as day) as d
    where d.day > periods.period_start_date and (periods.period_end_date is null or d.day < periods.period_end_date)
    union
    select periods.la_code, periods.person_id, periods.cla_id, d.day
    from periods
    inner join legal_statuses
        on legal_statuses.la_code = periods.la_code and legal_statuses.person_id = periods.person_id
    cross join lateral (select unnest([legal_statuses.start_date, legal_statuses.end_date]) as day) as d
    where d.day > periods.period_start_date and (periods.period_end_date is null or d.day < periods.period_end_date)

),

-- the placement in force on each candidate day (the latest-starting one if several)
with_placement as (

    select
        candidate_days.*,
        placements.placement_id,
        placements.placement_type,
        placements.placement_provider,
        placements.urn,
        placements.placement_postcode,
        placements.change_reason,
        placements._source_file as placement_source_file,
        placements._row_number as placement_row_number
    from candidate_days
    left join placements
        on placements.la_code = candidate_days.la_code and placements.cla_id = candidate_days.cla_id
        and placements.start_date <= candidate_days.day
        and (placements.end_date is null or placements.end_date > candidate_days.day)
    qualify row_number() over (
        partition by candidate_days.la_code, candidate_days.person_id, candidate_days.cla_id, candidate_days.day
        order by placements.start_date desc nulls last, placements.placement_id
    ) = 1

),

-- the legal status in force, and the SSD CLA episode row the day falls in (its need code,
-- and the source row a finding about the episode names)
with_status as (

    select
        with_placement.*,
        legal_statuses.legal_status,
        legal_statuses._source_file as status_source_file,
        legal_statuses._row_number as status_row_number,
        cla.primary_need_code,
        cla._source_file as cla_source_file,
        cla._row_number as cla_row_number
    from with_placement
    left join legal_statuses
        on legal_statuses.la_code = with_placement.la_code and legal_statuses.person_id = with_placement.person_id
        and legal_statuses.start_date <= with_placement.day
        and (legal_statuses.end_date is null or legal_statuses.end_date > with_placement.day)
    left join cla
        on cla.la_code = with_placement.la_code and cla.cla_id = with_placement.cla_id
        and cla.person_id = with_placement.person_id and cla.start_date <= with_placement.day
    qualify row_number() over (
        partition by with_placement.la_code, with_placement.person_id, with_placement.cla_id, with_placement.day
        order by legal_statuses.start_date desc nulls last, legal_statuses.legal_status_id, cla.start_date desc,
            cla.cla_episode_id
    ) = 1

),

changes as (

    select
        *,
        row_number() over by_period = 1 as starts_period,
        placement_id is distinct from lag(placement_id) over by_period as placement_changed,
        legal_status is distinct from lag(legal_status) over by_period as legal_status_changed
    from with_status
    window by_period as (partition by la_code, person_id, cla_id order by day)

),

-- the SSD row whose start made the episode: the CLA episode row (start of the period), the
-- new placement's row, or the new legal status's row (where none is in force, the CLA
-- episode row). Findings about the episode name it; should two episodes name the same row
-- (overlapping periods, a gap), the later one names the file without a row number.
episode_starts as (

    select
        *,
        lead(day) over by_period as next_start_date,
        lead(placement_changed) over by_period as next_is_placement_change,
        case
            when starts_period then cla_source_file
            when placement_changed and placement_id is not null then placement_source_file
            when legal_status_changed and legal_status is not null then status_source_file
            else cla_source_file
        end as _source_file,
        case
            when starts_period then cla_row_number
            when placement_changed and placement_id is not null then placement_row_number
            when legal_status_changed and legal_status is not null then status_row_number
            else cla_row_number
        end as source_row_number
    from changes
    where starts_period or placement_changed or legal_status_changed
    window by_period as (partition by la_code, person_id, cla_id order by day)

),

final as (

    select
        episode_starts.la_code,
        {{ ssd_row_collection_year('coalesce(episode_starts.next_start_date, periods.period_end_date)') }} as collection_year,
        episode_starts.person_id as child_id,
        episode_starts.day as start_date,
        case
            when episode_starts.starts_period then 'S'
            when episode_starts.placement_changed and episode_starts.legal_status_changed
                then case when current_carer_places.code is not null then 'U' else 'B' end
            when episode_starts.placement_changed
                then case when current_carer_places.code is not null then 'T' else 'P' end
            else 'L'
        end as reason_new_episode,
        episode_starts.legal_status,
        episode_starts.primary_need_code as category_of_need,  -- listed in stg_ssd__cla_episodes
        episode_starts.placement_type,
        episode_starts.placement_provider,
        coalesce(episode_starts.next_start_date, periods.period_end_date) as end_date,
        false as is_left_open,
        case
            when episode_starts.next_start_date is not null then 'X1'
            when periods.period_end_date is not null then periods.period_ceased_reason
        end as reason_episode_ceased,
        case when episode_starts.next_is_placement_change then episode_starts.change_reason end
            as reason_placement_change,
        null::varchar as home_postcode,
        episode_starts.placement_postcode,
        episode_starts.urn,
        episode_starts.cla_id,
        episode_starts.placement_id,
        extracts.extract_date,
        extracts._loaded_at,
        episode_starts._source_file,
        case
            when row_number() over (
                partition by episode_starts.la_code, episode_starts._source_file, episode_starts.source_row_number
                order by episode_starts.day, episode_starts.person_id, episode_starts.cla_id
            ) = 1 then episode_starts.source_row_number
        end as _row_number
    from episode_starts
    inner join periods
        on periods.la_code = episode_starts.la_code and periods.person_id = episode_starts.person_id
        and periods.cla_id = episode_starts.cla_id
    inner join extracts on extracts.la_code = episode_starts.la_code
    left join current_carer_places on current_carer_places.code = episode_starts.placement_type

)

select * from final
