with

source as (

    select * from {{ source('raw_placement', 'ssda903_missing') }}

),

-- Collection years combined (macro latest_collection_year): the latest year's row per key wins.
latest_collection_year as (

    {{ latest_collection_year('source', ['"CHILD"', parse_date('"MIS_START"')]) }}

),

renamed as (

    select
        la_code,
        collection_year,
        "CHILD" as child_id,
        {{ parse_date('"DOB"') }} as birth_date,
        upper({{ parse_code('"MISSING"') }}) as missing_type,
        {{ parse_date('"MIS_START"') }} as missing_start_date,
        {{ parse_date('"MIS_END"') }} as missing_end_date,
        _source_file,
        _row_number

    from latest_collection_year

)

select * from renamed
