with

source as (

    select * from {{ source('raw_case', 'care_proceedings') }}

),

renamed as (

    select
        la_code,
        proceedings_id,
        child_id,
        {{ parse_date('issue_date') }} as issue_date,
        {{ parse_date('disposal_date') }} as disposal_date,
        {{ parse_code('disposal_type') }} as disposal_type,
        _source_file,
        _row_number

    from source

)

select * from renamed
