with

source as (

    select * from {{ source('raw_placement', 'ssda903_oc2') }}

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
        {{ parse_integer('"SDQ_SCORE"') }} as sdq_score,
        upper({{ parse_code('"SDQ_REASON"') }}) as sdq_reason,
        {{ parse_flag('"CONVICTED"') }} as is_convicted,
        {{ parse_flag('"HEALTH_CHECK"') }} as has_health_check,
        {{ parse_flag('"IMMUNISATIONS"') }} as has_immunisations,
        {{ parse_flag('"TEETH_CHECK"') }} as has_teeth_check,
        {{ parse_flag('"HEALTH_ASSESSMENT"') }} as has_health_assessment,
        {{ parse_flag('"SUBSTANCE_MISUSE"') }} as has_substance_misuse,
        {{ parse_flag('"INTERVENTION_RECEIVED"') }} as has_received_intervention,
        {{ parse_flag('"INTERVENTION_OFFERED"') }} as has_been_offered_intervention,
        _source_file,
        _row_number

    from latest_collection_year

)

select * from renamed
