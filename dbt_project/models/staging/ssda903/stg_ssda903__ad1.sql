with

source as (

    select * from {{ source('raw_placement', 'ssda903_ad1') }}

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
        {{ parse_date('"DATE_INT"') }} as adoption_decision_date,
        {{ parse_date('"DATE_MATCH"') }} as adopter_match_date,
        {{ parse_flag('"FOSTER_CARE"') }} as is_adopted_by_foster_carer,
        upper({{ parse_code('"NB_ADOPTR"') }}) as number_of_adopters,
        upper({{ parse_code('"SEX_ADOPTR"') }}) as adopter_sex,
        upper({{ parse_code('"LS_ADOPTR"') }}) as adopter_legal_status,
        _source_file,
        _row_number

    from latest_collection_year

)

select * from renamed
