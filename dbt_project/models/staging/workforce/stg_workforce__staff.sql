with

source as (

    select * from {{ source('raw_workforce', 'staff') }}

),

renamed as (

    select
        la_code,
        worker_id,
        {{ parse_flag('agency_worker') }} as is_agency_worker,
        job_title,
        {{ listed_code(parse_code('org_role'), 'worker_role') }} as org_role,
        team,
        {{ parse_flag('frontline') }} as is_frontline,
        {{ parse_flag('qualified_social_worker') }} as is_qualified_social_worker,
        {{ parse_flag('caseholding') }} as is_caseholding,
        {{ parse_decimal('fte') }} as fte,
        {{ parse_date('start_date') }} as start_date,
        {{ parse_date('end_date') }} as end_date,
        {{ listed_code(parse_code('reason_leave'), 'reason_leave') }} as reason_leave,
        _source_file,
        _row_number

    from source

)

select * from renamed
