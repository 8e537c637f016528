-- ssd_cla_episodes.csv as the authority's SSD holds it (every authority, one row per source row):
-- typed and renamed only. The SSDA903-shaped history is derived from it in the
-- int_ssd_ssda903_* models (docs/ssd.md, "The looked-after side").

with

source as (

    select * from {{ source('raw_ssd', 'ssd_cla_episodes') }}

),

renamed as (

    select
        la_code,
        "clae_cla_episode_id" as cla_episode_id,
        "clae_person_id" as person_id,
        {{ parse_date('"clae_cla_episode_start_date"', with_time=true) }} as start_date,
        upper({{ parse_code('"clae_cla_episode_start_reason"') }}) as start_reason,
        {{ listed_code('upper(' ~ parse_code('"clae_cla_primary_need_code"') ~ ')', 'ssda903_cin') }} as primary_need_code,
        "clae_cla_id" as cla_id,
        "clae_referral_id" as referral_id,
        {{ parse_date('"clae_cla_last_iro_contact_date"', with_time=true) }} as last_iro_contact_date,
        {{ parse_date('"clae_cla_episode_ceased_date"', with_time=true) }} as ceased_date,
        "clae_cla_placement_id" as placement_id,
        {{ parse_date('"clae_entered_care_date"', with_time=true) }} as entered_care_date,
        upper({{ parse_code('"clae_cla_episode_ceased_reason"') }}) as ceased_reason,
        _loaded_at,
        _source_file,
        _row_number

    from source

)

select * from renamed
