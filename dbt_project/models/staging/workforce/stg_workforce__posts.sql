with

source as (

    select * from {{ source('raw_workforce', 'posts') }}

),

renamed as (

    select
        la_code,
        post_id,
        team,
        job_title,
        {{ parse_flag('frontline') }} as is_frontline,
        {{ parse_decimal('fte') }} as fte,
        {{ parse_date('start_date') }} as start_date,
        {{ parse_date('end_date') }} as end_date,
        _source_file,
        _row_number

    from source

)

select * from renamed
