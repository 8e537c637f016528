-- ssd_cla_visits: typed and renamed only (docs/ssd.md). Columns kept in raw only (names, UPNs,
-- references) are not selected.
with

source as (

    select * from {{ source('raw_ssd', 'ssd_cla_visits') }}

),

renamed as (

    select
        la_code,
        clav_cla_visit_id as visit_id,
        clav_cla_id as cla_id,
        clav_person_id as child_id,
        {{ parse_date('clav_cla_visit_date', with_time=true) }} as visit_date,
        {{ parse_flag('clav_cla_visit_seen') }} as is_child_seen,
        {{ parse_flag('clav_cla_visit_seen_alone') }} as is_seen_alone,
        _source_file,
        _row_number

    from source

)

select * from renamed
