with

source as (

    select * from {{ source('raw_placement', 'ssda903_reviews') }}

),

-- Collection years combined (macro latest_collection_year): the latest year's row per key wins.
latest_collection_year as (

    {{ latest_collection_year('source', ['"CHILD"', parse_date('"REVIEW"')]) }}

),

renamed as (

    select
        la_code,
        collection_year,
        "CHILD" as child_id,
        {{ parse_date('"DOB"') }} as birth_date,
        {{ parse_date('"REVIEW"') }} as review_date,
        upper({{ parse_code('"REVIEW_CODE"') }}) as review_participation,
        _source_file,
        _row_number

    from latest_collection_year

)

select * from renamed
