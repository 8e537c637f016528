-- What combining the SSDA903 collection years does to episode rows, for the quality gate
-- (suite ssda903_extract): one row per raw episode row that the combining drops or closes,
-- named by its file and row. The rule itself is macro ssda903_episode_years, which
-- stg_ssda903__episodes applies; this model only reports it. Built with the staging step
-- (tag staging), like int_ssda903_episode_checks.
--   is_left_open       open in its year's file, the authority has later years, and no later
--                      file has the episode: kept, looked after to 31 March of that year
--                      (check "episode left open in an earlier return")
--   is_superseded      a later year's file has the episode (CHILD, DECOM): this row is
--                      dropped and the later version used
--   is_changed_later   ... and that later version disagrees with this row: a DEC or REC this
--                      row gives is different (or blank) there, or RNE, LS, PLACE or
--                      PLACE_PROVIDER differ (check "episode changed in a later return"). An
--                      episode open in one year and closed in the next is not a change.

{{ config(tags=['staging']) }}

with

years as (

    {{ ssda903_episode_years(source('raw_placement', 'ssda903_episodes')) }}

),

typed as (

    select
        la_code,
        collection_year,
        "CHILD" as child_id,
        {{ parse_date('"DECOM"') }} as start_date,
        nullif("DEC", '') is not null as has_end,
        {{ parse_date('"DEC"') }} as end_date,
        upper({{ parse_code('"REC"') }}) as reason_episode_ceased,
        upper({{ parse_code('"RNE"') }}) as reason_new_episode,
        upper({{ parse_code('"LS"') }}) as legal_status,
        upper({{ parse_code('"PLACE"') }}) as placement_type,
        upper({{ parse_code('"PLACE_PROVIDER"') }}) as placement_provider,
        is_keyed,
        latest_version_year,
        is_superseded,
        is_left_open,
        _source_file,
        _row_number
    from years

),

superseded as (

    select
        earlier.la_code,
        earlier._source_file,
        earlier._row_number,
        bool_or(
            (earlier.has_end and earlier.end_date is distinct from later.end_date)
            or (earlier.reason_episode_ceased is not null
                and earlier.reason_episode_ceased is distinct from later.reason_episode_ceased)
            or earlier.reason_new_episode is distinct from later.reason_new_episode
            or earlier.legal_status is distinct from later.legal_status
            or earlier.placement_type is distinct from later.placement_type
            or earlier.placement_provider is distinct from later.placement_provider
        ) as is_changed_later
    from typed as earlier
    inner join typed as later
        on later.la_code = earlier.la_code
        and later.child_id = earlier.child_id
        and later.start_date = earlier.start_date
        and later.collection_year = earlier.latest_version_year
    where earlier.is_superseded
    group by all

),

final as (

    select
        typed.la_code,
        typed.collection_year,
        typed.child_id,
        typed.start_date,
        typed.latest_version_year,
        typed.is_left_open as is_left_open,
        typed.is_superseded as is_superseded,
        coalesce(superseded.is_changed_later, false) as is_changed_later,
        typed._source_file,
        typed._row_number
    from typed
    left join superseded
        on superseded.la_code = typed.la_code
        and superseded._source_file = typed._source_file
        and superseded._row_number = typed._row_number
    where typed.is_left_open or typed.is_superseded

)

select * from final
