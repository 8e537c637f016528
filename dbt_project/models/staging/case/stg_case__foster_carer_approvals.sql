with

source as (

    select * from {{ source('raw_case', 'foster_carer_approvals') }}

),

renamed as (

    select
        la_code,
        approval_id,
        household_id,
        {{ parse_date('approval_date') }} as approval_date,
        {{ listed_code(parse_code('carer_type'), 'foster_carer_type') }} as carer_type,
        _source_file,
        _row_number

    from source

)

select * from renamed
