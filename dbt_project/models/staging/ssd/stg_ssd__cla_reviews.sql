-- ssd_cla_reviews.csv as the authority's SSD holds it (every authority, one row per source row):
-- typed and renamed only. The SSDA903-shaped history is derived from it in the
-- int_ssd_ssda903_* models (docs/ssd.md, "The looked-after side").

with

source as (

    select * from {{ source('raw_ssd', 'ssd_cla_reviews') }}

),

renamed as (

    select
        la_code,
        "clar_cla_review_id" as review_id,
        {{ parse_date('"clar_cla_review_due_date"', with_time=true) }} as due_date,
        {{ parse_date('"clar_cla_review_date"', with_time=true) }} as review_date,
        upper({{ parse_code('"clar_cla_review_participation"') }}) as review_participation,
        "clar_cla_id" as cla_id,
        {{ parse_flag('"clar_cla_review_cancelled"') }} as is_cancelled,
        "clar_cla_person_id" as person_id,
        _loaded_at,
        _source_file,
        _row_number

    from source

)

select * from renamed
