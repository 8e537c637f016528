with

source as (

    select * from {{ source('raw_case', 'cin_plans') }}

),

renamed as (

    select
        la_code,
        cin_plan_id,
        referral_id,
        child_id,
        {{ parse_date('start_date') }} as start_date,
        {{ parse_date('end_date') }} as end_date,
        _source_file,
        _row_number

    from source

)

select * from renamed
