with

source as (

    select * from {{ source('raw_placement', 'ssda903_episodes') }}

),

-- Collection years combined into one episode history (contract: an episode appearing in
-- several years' files is one episode (CHILD, DECOM); the latest year's version wins). The
-- rule is macro ssda903_episode_years (macros/ssda903.sql), reported by the checks on
-- int_ssda903_episode_years:
-- 1. For each (la_code, CHILD, DECOM) only the row from the latest collection year that
--    has the episode is kept (is_superseded rows are dropped).
-- 2. An episode left open in a year that is not the authority's latest collection year
--    and absent from every later year's file (is_left_open) is kept, looked after to the
--    end of that collection year: end_date is 1 April of it (ended by that day, so the child
--    counts on 31 March and not on 1 April), REC stays blank.
-- Rows with no usable key (CHILD blank, DECOM blank or unreadable) cannot be matched across
-- years: they are all kept, never silently dropped. Duplicates within one year are kept
-- too; the quality check "keys unique" reports them.
years as (

    {{ ssda903_episode_years('source') }}

),

latest_collection_year as (

    select *
    from years
    where not is_superseded

),

renamed as (

    select
        la_code,
        collection_year,
        "CHILD" as child_id,
        {{ parse_date('"DECOM"') }} as start_date,
        upper({{ parse_code('"RNE"') }}) as reason_new_episode,
        upper({{ parse_code('"LS"') }}) as legal_status,
        {{ listed_code('upper(' ~ parse_code('"CIN"') ~ ')', 'ssda903_cin') }} as category_of_need,
        upper({{ parse_code('"PLACE"') }}) as placement_type,
        upper({{ parse_code('"PLACE_PROVIDER"') }}) as placement_provider,
        case when is_left_open then left_open_end_date else {{ parse_date('"DEC"') }} end as end_date,
        is_left_open,
        upper({{ parse_code('"REC"') }}) as reason_episode_ceased,
        upper({{ parse_code('"REASON_PLACE_CHANGE"') }}) as reason_placement_change,
        "HOME_POST" as home_postcode,
        "PL_POST" as placement_postcode,
        "URN" as urn,
        _source_file,
        _row_number

    from latest_collection_year

)

select * from renamed
