-- ssd_cla_placement.csv as the authority's SSD holds it (every authority, one row per source row):
-- typed and renamed only. The SSDA903-shaped history is derived from it in the
-- int_ssd_ssda903_* models (docs/ssd.md, "The looked-after side").

with

source as (

    select * from {{ source('raw_ssd', 'ssd_cla_placement') }}

),

renamed as (

    select
        la_code,
        "clap_cla_placement_id" as placement_id,
        {{ parse_date('"clap_cla_placement_start_date"', with_time=true) }} as start_date,
        upper({{ parse_code('"clap_cla_placement_type"') }}) as placement_type,
        "clap_cla_placement_urn" as urn,
        {{ parse_decimal('"clap_cla_placement_distance"') }} as distance_miles,
        "clap_cla_id" as cla_id,
        upper({{ parse_code('"clap_cla_placement_provider"') }}) as placement_provider,
        "clap_cla_placement_postcode" as placement_postcode,
        {{ parse_date('"clap_cla_placement_end_date"', with_time=true) }} as end_date,
        upper({{ parse_code('"clap_cla_placement_change_reason"') }}) as change_reason,
        _loaded_at,
        _source_file,
        _row_number

    from source

)

select * from renamed
