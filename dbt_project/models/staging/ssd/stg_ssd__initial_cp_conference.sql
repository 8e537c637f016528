-- ssd_initial_cp_conference: typed and renamed only (docs/ssd.md). Columns kept in raw only (names, UPNs,
-- references) are not selected.
with

source as (

    select * from {{ source('raw_ssd', 'ssd_initial_cp_conference') }}

),

renamed as (

    select
        la_code,
        icpc_icpc_id as icpc_id,
        icpc_icpc_meeting_id as icpc_meeting_id,
        icpc_s47_enquiry_id as s47_id,
        icpc_person_id as child_id,
        icpc_cp_plan_id as cp_plan_id,
        icpc_referral_id as referral_id,
        {{ parse_flag('icpc_icpc_transfer_in') }} as is_transfer_in,
        {{ parse_date('icpc_icpc_target_date', with_time=true) }} as icpc_target_date,
        {{ parse_date('icpc_icpc_date', with_time=true) }} as icpc_date,
        {{ parse_flag('icpc_icpc_outcome_cp_flag') }} as is_outcome_cp_plan,
        {{ parse_json('icpc_icpc_outcome_json') }} as icpc_outcome_json,
        icpc_icpc_team as icpc_team,
        icpc_icpc_worker_id as icpc_worker_id,
        _source_file,
        _row_number

    from source

)

select * from renamed
