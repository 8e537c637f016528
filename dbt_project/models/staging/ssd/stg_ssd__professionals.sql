-- ssd_professionals: typed and renamed only (docs/ssd.md). Columns kept in raw only (names, UPNs,
-- references) are not selected.
with

source as (

    select * from {{ source('raw_ssd', 'ssd_professionals') }}

),

renamed as (

    select
        la_code,
        prof_professional_id as professional_id,
        prof_staff_id as staff_id,
        {{ parse_flag('prof_agency_worker_flag') }} as is_agency_worker,
        prof_professional_job_title as job_title,
        {{ parse_integer('prof_professional_caseload') }} as caseload,
        prof_professional_department as department,
        {{ parse_decimal('prof_full_time_equivalency') }} as fte,
        _source_file,
        _row_number

    from source

)

select * from renamed
