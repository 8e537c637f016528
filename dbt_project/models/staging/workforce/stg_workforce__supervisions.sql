with

source as (

    select * from {{ source('raw_workforce', 'supervisions') }}

),

renamed as (

    select
        la_code,
        supervision_id,
        worker_id,
        {{ parse_date('supervision_date') }} as supervision_date,
        _source_file,
        _row_number

    from source

)

select * from renamed
