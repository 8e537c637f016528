-- ssd_contacts: typed and renamed only (docs/ssd.md). Columns kept in raw only (names, UPNs,
-- references) are not selected.
with

source as (

    select * from {{ source('raw_ssd', 'ssd_contacts') }}

),

renamed as (

    select
        la_code,
        cont_contact_id as contact_id,
        cont_person_id as child_id,
        {{ parse_date('cont_contact_date', with_time=true) }} as contact_date,
        {{ parse_code('cont_contact_source_code') }} as contact_source_code,
        cont_contact_source_desc as contact_source,
        {{ parse_json('cont_contact_outcome_json') }} as contact_outcome_json,
        _source_file,
        _row_number

    from source

)

select * from renamed
