with

source as (

    select * from {{ source('raw_youth_justice', 'yjs_disposals') }}

),

renamed as (

    select
        la_code,
        disposal_id,
        person_id,
        {{ parse_date('birth_date') }} as birth_date,
        {{ parse_date('disposal_date') }} as disposal_date,
        {{ listed_code(parse_code('disposal_type'), 'yjs_disposal_type') }} as disposal_type,
        {{ parse_date('order_end_date') }} as order_end_date,
        {{ listed_code(parse_code('ete_at_end'), 'yjs_ete') }} as ete_at_end,
        _source_file,
        _row_number

    from source

)

select * from renamed
