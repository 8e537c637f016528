with

source as (

    select * from {{ source('raw_placement', 'ssda903_placed_for_adoption') }}

),

-- Collection years combined (macro latest_collection_year): the latest year's row per key wins.
latest_collection_year as (

    {{ latest_collection_year('source', ['"CHILD"', parse_date('"DATE_PLACED"')]) }}

),

renamed as (

    select
        la_code,
        collection_year,
        "CHILD" as child_id,
        {{ parse_date('"DOB"') }} as birth_date,
        {{ parse_date('"DATE_PLACED"') }} as placed_date,
        {{ parse_date('"DATE_PLACED_CEASED"') }} as placed_ceased_date,
        upper({{ parse_code('"REASON_PLACED_CEASED"') }}) as reason_placed_ceased,
        _source_file,
        _row_number

    from latest_collection_year

)

select * from renamed
