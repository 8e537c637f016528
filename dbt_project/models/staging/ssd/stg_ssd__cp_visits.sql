-- ssd_cp_visits: typed and renamed only (docs/ssd.md). Columns kept in raw only (names, UPNs,
-- references) are not selected.
with

source as (

    select * from {{ source('raw_ssd', 'ssd_cp_visits') }}

),

renamed as (

    select
        la_code,
        cppv_cp_visit_id as visit_id,
        cppv_person_id as child_id,
        cppv_cp_plan_id as cp_plan_id,
        {{ parse_date('cppv_cp_visit_date', with_time=true) }} as visit_date,
        {{ parse_flag('cppv_cp_visit_seen') }} as is_child_seen,
        {{ parse_flag('cppv_cp_visit_seen_alone') }} as is_seen_alone,
        {{ parse_flag('cppv_cp_visit_bedroom') }} as is_bedroom_seen,
        _source_file,
        _row_number

    from source

)

select * from renamed
