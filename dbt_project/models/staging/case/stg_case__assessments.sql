with

source as (

    select * from {{ source('raw_case', 'assessments') }}

),

renamed as (

    select
        la_code,
        assessment_id,
        referral_id,
        child_id,
        {{ parse_date('start_date') }} as start_date,
        {{ parse_date('authorisation_date') }} as authorisation_date,
        {{ parse_flag('child_seen') }} as is_child_seen,
        _source_file,
        _row_number

    from source

)

select * from renamed
