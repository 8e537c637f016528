-- ssd_cin_visits: typed and renamed only (docs/ssd.md). Columns kept in raw only (names, UPNs,
-- references) are not selected.
with

source as (

    select * from {{ source('raw_ssd', 'ssd_cin_visits') }}

),

renamed as (

    select
        la_code,
        cinv_cin_visit_id as visit_id,
        cinv_person_id as child_id,
        cinv_cin_plan_id as cin_plan_id,
        {{ parse_date('cinv_cin_visit_date', with_time=true) }} as visit_date,
        {{ parse_flag('cinv_cin_visit_seen') }} as is_child_seen,
        {{ parse_flag('cinv_cin_visit_seen_alone') }} as is_seen_alone,
        {{ parse_flag('cinv_cin_visit_bedroom') }} as is_bedroom_seen,
        _source_file,
        _row_number

    from source

)

select * from renamed
