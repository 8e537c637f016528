-- ssd_missing.csv as the authority's SSD holds it (every authority, one row per source row):
-- typed and renamed only. The SSDA903-shaped history is derived from it in the
-- int_ssd_ssda903_* models (docs/ssd.md, "The looked-after side").

with

source as (

    select * from {{ source('raw_ssd', 'ssd_missing') }}

),

renamed as (

    select
        la_code,
        "miss_table_id" as missing_id,
        "miss_person_id" as person_id,
        {{ parse_date('"miss_missing_episode_start_date"', with_time=true) }} as missing_start_date,
        upper({{ parse_code('"miss_missing_episode_type"') }}) as missing_type,
        {{ parse_date('"miss_missing_episode_end_date"', with_time=true) }} as missing_end_date,
        upper({{ parse_code('"miss_missing_rhi_offered"') }}) as rhi_offered,
        upper({{ parse_code('"miss_missing_rhi_accepted"') }}) as rhi_accepted,
        _loaded_at,
        _source_file,
        _row_number

    from source

)

select * from renamed
