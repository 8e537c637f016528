-- ssd_person.csv as the authority's SSD holds it (every authority, one row per source row):
-- typed and renamed only. The SSDA903-shaped history is derived from it in the
-- int_ssd_ssda903_* models (docs/ssd.md, "The looked-after side").

with

source as (

    select * from {{ source('raw_ssd', 'ssd_person') }}

),

renamed as (

    select
        la_code,
        "pers_person_id" as person_id,
        upper({{ parse_code('"pers_sex"') }}) as sex,
        upper({{ parse_code('"pers_ethnicity"') }}) as ethnicity,
        {{ parse_date('"pers_dob"') }} as birth_date,
        {{ parse_date('"pers_expected_dob"') }} as expected_birth_date,
        {{ parse_date('"pers_death_date"') }} as death_date,
        _loaded_at,
        _source_file,
        _row_number

    from source

)

select * from renamed
