with

source as (

    select * from {{ source('raw', 'ssda903_episodes') }}

),

-- Collection years combined into one episode history (contract: an episode appearing in
-- several years' files is one episode (CHILD, DECOM); the latest year's version wins).
-- 1. For each (la_code, CHILD, DECOM) only the row from the latest collection year that
--    has the episode is kept.
-- 2. From a year that is not the authority's latest collection year, that row is kept
--    only if the year's file shows the episode closed (DEC given, even if unreadable):
--    an episode still open in an old year's file but absent from later files was
--    corrected or re-keyed later, and keeping it would overlap the later history.
-- Rows with no usable key (CHILD blank, DECOM blank or unreadable) cannot be
-- matched across years: they are all kept, never silently dropped. Duplicates within
-- one year are kept too; the quality check "keys unique" reports them.
latest_collection_year as (

    select *
    from source
    qualify
        nullif("CHILD", '') is null
        or {{ parse_date('"DECOM"') }} is null
        or (
            collection_year = max(collection_year) over (
                partition by la_code, "CHILD", {{ parse_date('"DECOM"') }}
            )
            and (
                nullif("DEC", '') is not null
                or collection_year = max(collection_year) over (partition by la_code)
            )
        )

),

renamed as (

    select
        la_code,
        collection_year,
        "CHILD" as child_id,
        {{ parse_date('"DECOM"') }} as start_date,
        upper({{ parse_code('"RNE"') }}) as reason_new_episode,
        upper({{ parse_code('"LS"') }}) as legal_status,
        upper({{ parse_code('"CIN"') }}) as category_of_need,
        upper({{ parse_code('"PLACE"') }}) as placement_type,
        upper({{ parse_code('"PLACE_PROVIDER"') }}) as placement_provider,
        {{ parse_date('"DEC"') }} as end_date,
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
