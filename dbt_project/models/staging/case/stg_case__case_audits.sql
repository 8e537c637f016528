with

source as (

    select * from {{ source('raw_case', 'case_audits') }}

),

renamed as (

    select
        la_code,
        audit_id,
        child_id,
        auditor_worker_id,
        {{ parse_date('audit_date') }} as audit_date,
        {{ parse_code('audit_type') }} as audit_type,
        {{ listed_code(parse_code('overall_grade'), 'audit_grade') }} as overall_grade,
        _source_file,
        _row_number

    from source

)

select * from renamed
