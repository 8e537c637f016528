with

source as (

    select * from {{ source('raw_youth_justice', 'yjs_offences') }}

),

renamed as (

    select
        la_code,
        offence_id,
        person_id,
        {{ parse_date('offence_date') }} as offence_date,
        {{ parse_date('proven_date') }} as proven_date,
        _source_file,
        _row_number

    from source

)

select * from renamed
