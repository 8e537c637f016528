with

source as (

    select * from {{ source('raw_case', 'visits') }}

),

renamed as (

    select
        la_code,
        visit_id,
        child_id,
        worker_id,
        {{ parse_date('visit_date') }} as visit_date,
        {{ parse_code('visit_type') }} as visit_type,
        {{ parse_flag('child_seen') }} as is_child_seen,
        {{ parse_flag('seen_alone') }} as is_seen_alone,
        _source_file,
        _row_number

    from source

)

select * from renamed
