-- ssd_cin_episodes: typed and renamed only (docs/ssd.md). Columns kept in raw only (names, UPNs,
-- references) are not selected.
with

source as (

    select * from {{ source('raw_ssd', 'ssd_cin_episodes') }}

),

renamed as (

    select
        la_code,
        cine_referral_id as referral_id,
        cine_person_id as child_id,
        {{ parse_date('cine_referral_date', with_time=true) }} as referral_date,
        {{ listed_code(parse_code('cine_cin_primary_need_code'), 'cin_need') }} as primary_need_code,
        {{ parse_code('cine_referral_source_code') }} as referral_source,
        cine_referral_source_desc as referral_source_desc,
        {{ parse_json('cine_referral_outcome_json') }} as referral_outcome_json,
        {{ parse_flag('cine_referral_nfa') }} as is_referral_nfa,
        {{ parse_code('cine_close_reason') }} as closure_reason,
        {{ parse_date('cine_close_date', with_time=true) }} as closure_date,
        cine_referral_team as referral_team,
        cine_referral_worker_id as referral_worker_id,
        _source_file,
        _row_number

    from source

)

select * from renamed
