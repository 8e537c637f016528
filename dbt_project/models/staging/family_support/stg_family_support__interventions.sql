with

source as (

    select * from {{ source('raw_family_support', 'interventions') }}

),

renamed as (

    select
        la_code,
        intervention_id,
        family_id,
        {{ parse_date('start_date') }} as start_date,
        {{ parse_date('end_date') }} as end_date,
        {{ listed_code(parse_code('outcome_on_closure'), 'family_support_outcome') }} as outcome_on_closure,
        {{ parse_code('closure_reason') }} as closure_reason,
        _source_file,
        _row_number

    from source

)

select * from renamed
