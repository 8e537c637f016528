with

source as (

    select * from {{ source('raw_case', 'cp_plans') }}

),

renamed as (

    select
        la_code,
        cp_plan_id,
        referral_id,
        child_id,
        {{ parse_date('start_date') }} as start_date,
        {{ parse_date('end_date') }} as end_date,
        {{ parse_code('initial_category') }} as initial_category,
        {{ parse_code('latest_category') }} as latest_category,
        {{ parse_integer('number_of_previous_cpp') }} as number_of_previous_cpp,
        _source_file,
        _row_number

    from source

)

select * from renamed
