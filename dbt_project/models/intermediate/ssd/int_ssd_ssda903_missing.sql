-- SSDA903 missing rows derived from ssd_missing: MISSING (M missing, A away without
-- authorisation), MIS_START and MIS_END as recorded, DOB from ssd_person; the collection
-- year is that of the start (the return that holds the spell), never later than the
-- extract's own year. docs/ssd.md.

{{ config(tags=['staging']) }}

with

missing as (

    select * from {{ ref('stg_ssd__missing') }}

),

person as (

    {{ ssd_person_birth_dates() }}

),

extracts as (

    select * from {{ ref('int_ssd_extract_dates') }}

),

final as (

    select
        missing.la_code,
        {{ ssd_row_collection_year('missing.missing_start_date') }} as collection_year,
        missing.person_id as child_id,
        person.birth_date,
        missing.missing_type,
        missing.missing_start_date,
        missing.missing_end_date,
        missing._source_file,
        missing._row_number
    from missing
    inner join extracts on extracts.la_code = missing.la_code
    left join person on person.la_code = missing.la_code and person.person_id = missing.person_id

)

select * from final
