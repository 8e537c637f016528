with

source as (

    select * from {{ source('raw_placement', 'ssda903_sw_episodes') }}

),

-- Collection years combined (macro latest_collection_year): the latest year's row per key wins.
latest_collection_year as (

    {{ latest_collection_year('source', ['"CHILD"', parse_date('"SW_DECOM"')]) }}

),

renamed as (

    select
        la_code,
        collection_year,
        "CHILD" as child_id,
        {{ parse_date('"DOB"') }} as birth_date,
        "SW_ID" as social_worker_id,
        {{ parse_date('"SW_DECOM"') }} as start_date,
        {{ parse_date('"SW_DEC"') }} as end_date,
        upper({{ parse_code('"SW_REASON"') }}) as social_worker_change_reason,
        _source_file,
        _row_number

    from latest_collection_year

)

select * from renamed
