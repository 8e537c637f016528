with

source as (

    select * from {{ source('raw_placement', 'ssda903_previous_permanence') }}

),

-- Collection years combined (macro latest_collection_year): the latest year's row per key wins.
latest_collection_year as (

    {{ latest_collection_year('source', ['"CHILD"']) }}

),

renamed as (

    select
        la_code,
        collection_year,
        "CHILD" as child_id,
        {{ parse_date('"DOB"') }} as birth_date,
        upper({{ parse_code('"PREV_PERM"') }}) as previous_permanence,
        upper({{ parse_code('"LA_PERM"') }}) as previous_permanence_la,
        "DATE_PERM" as previous_permanence_date_text,
        _source_file,
        _row_number

    from latest_collection_year

)

select * from renamed
