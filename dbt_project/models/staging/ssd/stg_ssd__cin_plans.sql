-- ssd_cin_plans: typed and renamed only (docs/ssd.md). Columns kept in raw only (names, UPNs,
-- references) are not selected.
with

source as (

    select * from {{ source('raw_ssd', 'ssd_cin_plans') }}

),

renamed as (

    select
        la_code,
        cinp_cin_plan_id as cin_plan_id,
        cinp_referral_id as referral_id,
        cinp_person_id as child_id,
        {{ parse_date('cinp_cin_plan_start_date', with_time=true) }} as start_date,
        {{ parse_date('cinp_cin_plan_end_date', with_time=true) }} as end_date,
        cinp_cin_plan_team as cin_plan_team,
        cinp_cin_plan_worker_id as cin_plan_worker_id,
        _source_file,
        _row_number

    from source

)

select * from renamed
