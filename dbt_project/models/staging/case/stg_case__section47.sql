with

source as (

    select * from {{ source('raw_case', 'section47') }}

),

renamed as (

    select
        la_code,
        s47_id,
        referral_id,
        child_id,
        {{ parse_date('start_date') }} as start_date,
        {{ parse_date('icpc_date') }} as icpc_date,
        {{ parse_flag('icpc_not_required') }} as is_icpc_not_required,
        _source_file,
        _row_number

    from source

)

select * from renamed
