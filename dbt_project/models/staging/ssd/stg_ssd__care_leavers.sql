-- ssd_care_leavers.csv as the authority's SSD holds it (every authority, one row per source row):
-- typed and renamed only. The SSDA903-shaped history is derived from it in the
-- int_ssd_ssda903_* models (docs/ssd.md, "The looked-after side").

with

source as (

    select * from {{ source('raw_ssd', 'ssd_care_leavers') }}

),

renamed as (

    select
        la_code,
        "clea_table_id" as care_leaver_id,
        "clea_person_id" as person_id,
        upper({{ parse_code('"clea_care_leaver_eligibility"') }}) as eligibility,
        upper({{ parse_code('"clea_care_leaver_in_touch"') }}) as in_touch,
        {{ parse_date('"clea_care_leaver_latest_contact"', with_time=true) }} as latest_contact_date,
        upper({{ parse_code('"clea_care_leaver_accommodation"') }}) as accommodation,
        upper({{ parse_code('"clea_care_leaver_accom_suitable"') }}) as accommodation_suitable,
        upper({{ parse_code('"clea_care_leaver_activity"') }}) as activity,
        {{ parse_date('"clea_pathway_plan_review_date"', with_time=true) }} as pathway_plan_review_date,
        "clea_care_leaver_personal_advisor" as personal_advisor,
        "clea_care_leaver_allocated_team" as allocated_team,
        "clea_care_leaver_worker_id" as worker_id,
        _loaded_at,
        _source_file,
        _row_number

    from source

)

select * from renamed
