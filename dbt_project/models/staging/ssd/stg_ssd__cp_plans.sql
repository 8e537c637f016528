-- ssd_cp_plans: typed and renamed only (docs/ssd.md). Columns kept in raw only (names, UPNs,
-- references) are not selected.
with

source as (

    select * from {{ source('raw_ssd', 'ssd_cp_plans') }}

),

renamed as (

    select
        la_code,
        cppl_cp_plan_id as cp_plan_id,
        cppl_referral_id as referral_id,
        cppl_icpc_id as icpc_id,
        cppl_person_id as child_id,
        {{ parse_date('cppl_cp_plan_start_date', with_time=true) }} as start_date,
        {{ parse_date('cppl_cp_plan_end_date', with_time=true) }} as end_date,
        {{ parse_flag('cppl_cp_plan_ola') }} as is_other_la_plan,
        {{ parse_code('cppl_cp_plan_initial_category') }} as initial_category,
        {{ parse_code('cppl_cp_plan_latest_category') }} as latest_category,
        _source_file,
        _row_number

    from source

)

select * from renamed
