with

source as (

    select * from {{ source('raw_case', 'contacts') }}

),

renamed as (

    select
        la_code,
        contact_id,
        child_id,
        {{ parse_date('contact_date') }} as contact_date,
        {{ parse_code('contact_source') }} as contact_source,
        {{ listed_code(parse_code('outcome'), 'contact_outcome') }} as outcome,
        _source_file,
        _row_number

    from source

)

select * from renamed
