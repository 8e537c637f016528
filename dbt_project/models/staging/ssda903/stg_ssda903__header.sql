with

source as (

    select * from {{ source('raw_placement', 'ssda903_header') }}

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
        upper({{ parse_code('"SEX"') }}) as sex,
        {{ parse_date('"DOB"') }} as birth_date,
        {{ listed_code('upper(' ~ parse_code('"ETHNIC"') ~ ')', 'ethnicity') }} as ethnicity,
        "UPN" as upn,
        upper({{ parse_code('"MOTHER"') }}) as mother,
        {{ parse_date('"MC_DOB"') }} as mother_child_birth_date,
        _source_file,
        _row_number

    from latest_collection_year

)

select * from renamed
