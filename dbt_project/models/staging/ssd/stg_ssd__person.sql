-- ssd_person: typed and renamed only (docs/ssd.md). Columns kept in raw only (names, UPNs,
-- references) are not selected.
-- The SSDA903-shaped history reads it in the int_ssd_ssda903_* models (docs/ssd.md).
with

source as (

    select * from {{ source('raw_ssd', 'ssd_person') }}

),

renamed as (

    select
        la_code,
        pers_person_id as person_id,
        pers_legacy_id as legacy_id,
        {{ parse_code('pers_sex') }} as sex,
        {{ parse_code('pers_gender') }} as gender,
        {{ listed_code(parse_code('pers_ethnicity'), 'ethnicity') }} as ethnicity,
        {{ parse_date('pers_dob', with_time=true) }} as birth_date,
        {{ parse_code('pers_upn_unknown') }} as upn_unknown,
        {{ parse_code('pers_send_flag') }} as send_flag,
        {{ parse_date('pers_expected_dob', with_time=true) }} as expected_birth_date,
        {{ parse_date('pers_death_date', with_time=true) }} as death_date,
        {{ parse_flag('pers_is_mother') }} as is_mother,
        {{ parse_code('pers_nationality') }} as nationality,
        null::boolean as is_disabled,  -- the SSD person carries no disability flag (ssd_disability is not landed)
        _loaded_at,
        _source_file,
        _row_number

    from source

)

select * from renamed
