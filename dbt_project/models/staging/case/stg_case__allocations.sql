with

source as (

    select * from {{ source('raw_case', 'allocations') }}

),

renamed as (

    select
        la_code,
        allocation_id,
        child_id,
        worker_id,
        {{ parse_date('start_date') }} as start_date,
        {{ parse_date('end_date') }} as end_date,
        _source_file,
        _row_number

    from source

)

select * from renamed
