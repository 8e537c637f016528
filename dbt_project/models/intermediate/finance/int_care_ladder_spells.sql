-- Spells of a child in a care ladder category (seed placement_category_map), from the
-- SSDA903 episodes of int_care_periods (the episodes the looked after counts use):
--   looked after   one spell per episode: from its start (DECOM) to its end (DEC, the
--                  first day no longer counted; null while open), in the category of the
--                  lowest-priority map row without reason_ceased whose place and
--                  place_provider patterns match the episode's PLACE and PLACE_PROVIDER
--                  ("unmapped" when none does). Episodes under an agreed series of
--                  short breaks (LS V3/V4, seed ssda903_codes category short_breaks) are
--                  left out, as OP_CLA leaves them out: respite is not a placement cost
--   after care     a child whose episode ended with a REC code matching a map row with
--                  reason_ceased (special guardianship orders): from that day until the
--                  18th birthday or the start of the child's next episode, whichever comes
--                  first (a child with no birth date in the header is left out)
-- end_date is exclusive: the spell counts the days from start_date up to the day before it.

with

episodes as (

    select * from {{ ref('int_care_periods') }}

),

header as (

    select * from {{ ref('int_cla__header') }}
    where child_id is not null and birth_date is not null
    qualify row_number() over (partition by la_code, child_id order by birth_date) = 1

),

category_map as (

    select * from {{ ref('placement_category_map') }}

),

looked_after as (

    select
        episodes.la_code,
        episodes.child_id,
        episodes.start_date,
        episodes.end_date,
        episodes.placement_type,
        episodes.placement_provider,
        episodes.reason_episode_ceased,
        coalesce(category_map.placement_category, 'unmapped') as placement_category
    from episodes
    left join category_map
        on category_map.reason_ceased is null
        and coalesce(episodes.placement_type, '') like upper(category_map.place)
        and coalesce(episodes.placement_provider, '') like upper(category_map.place_provider)
    where episodes.legal_status_category is distinct from 'short_breaks'
    qualify row_number() over (
        partition by episodes.la_code, episodes.child_id, episodes.start_date, episodes._source_file, episodes._row_number
        order by category_map.priority nulls last
    ) = 1

),

with_next_episode as (

    select
        *,
        lead(start_date) over (partition by la_code, child_id order by start_date) as next_episode_start_date
    from episodes

),

after_care as (

    select
        with_next_episode.la_code,
        with_next_episode.child_id,
        with_next_episode.end_date as start_date,
        least(
            coalesce(with_next_episode.next_episode_start_date, date '9999-12-31'),
            {{ dbt.dateadd('year', 18, 'header.birth_date') }}::date
        ) as end_date,
        with_next_episode.placement_type,
        with_next_episode.placement_provider,
        with_next_episode.reason_episode_ceased,
        category_map.placement_category
    from with_next_episode
    inner join header
        on header.la_code = with_next_episode.la_code and header.child_id = with_next_episode.child_id
    inner join category_map
        on category_map.reason_ceased is not null
        and coalesce(with_next_episode.reason_episode_ceased, '') like upper(category_map.reason_ceased)
        and coalesce(with_next_episode.placement_type, '') like upper(category_map.place)
        and coalesce(with_next_episode.placement_provider, '') like upper(category_map.place_provider)
    where with_next_episode.end_date is not null
    qualify row_number() over (
        partition by with_next_episode.la_code, with_next_episode.child_id, with_next_episode.start_date,
            with_next_episode._source_file, with_next_episode._row_number
        order by category_map.priority
    ) = 1

),

final as (

    select *, true as is_looked_after from looked_after

    union all

    select *, false as is_looked_after from after_care
    where start_date < end_date

)

select * from final
