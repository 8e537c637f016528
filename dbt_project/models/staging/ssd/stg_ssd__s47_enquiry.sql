-- ssd_s47_enquiry: typed and renamed only (docs/ssd.md). Columns kept in raw only (names, UPNs,
-- references) are not selected.
with

source as (

    select * from {{ source('raw_ssd', 'ssd_s47_enquiry') }}

),

renamed as (

    select
        la_code,
        s47e_s47_enquiry_id as s47_id,
        s47e_referral_id as referral_id,
        s47e_person_id as child_id,
        {{ parse_date('s47e_s47_start_date', with_time=true) }} as start_date,
        {{ parse_date('s47e_s47_end_date', with_time=true) }} as end_date,
        {{ parse_flag('s47e_s47_nfa') }} as is_s47_nfa,
        {{ parse_json('s47e_s47_outcome_json') }} as s47_outcome_json,
        s47e_s47_completed_by_team as completed_by_team,
        s47e_s47_completed_by_worker_id as completed_by_worker_id,
        _source_file,
        _row_number

    from source

)

select * from renamed
