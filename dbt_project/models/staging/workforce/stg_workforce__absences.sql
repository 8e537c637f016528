with

source as (

    select * from {{ source('raw_workforce', 'absences') }}

),

renamed as (

    select
        la_code,
        absence_id,
        worker_id,
        {{ parse_date('start_date') }} as start_date,
        {{ parse_date('end_date') }} as end_date,
        {{ parse_decimal('working_days_lost') }} as working_days_lost,
        {{ parse_code('reason') }} as reason,
        _source_file,
        _row_number

    from source

)

select * from renamed
