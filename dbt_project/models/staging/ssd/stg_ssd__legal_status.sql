-- ssd_legal_status.csv as the authority's SSD holds it (every authority, one row per source row):
-- typed and renamed only. The SSDA903-shaped history is derived from it in the
-- int_ssd_ssda903_* models (docs/ssd.md, "The looked-after side").

with

source as (

    select * from {{ source('raw_ssd', 'ssd_legal_status') }}

),

renamed as (

    select
        la_code,
        "lega_legal_status_id" as legal_status_id,
        "lega_person_id" as person_id,
        upper({{ parse_code('"lega_legal_status"') }}) as legal_status,
        {{ parse_date('"lega_legal_status_start_date"', with_time=true) }} as start_date,
        {{ parse_date('"lega_legal_status_end_date"', with_time=true) }} as end_date,
        _loaded_at,
        _source_file,
        _row_number

    from source

)

select * from renamed
