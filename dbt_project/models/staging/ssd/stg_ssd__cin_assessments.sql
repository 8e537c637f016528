-- ssd_cin_assessments: typed and renamed only (docs/ssd.md). Columns kept in raw only (names, UPNs,
-- references) are not selected.
with

source as (

    select * from {{ source('raw_ssd', 'ssd_cin_assessments') }}

),

renamed as (

    select
        la_code,
        cina_assessment_id as assessment_id,
        cina_person_id as child_id,
        cina_referral_id as referral_id,
        {{ parse_date('cina_assessment_start_date', with_time=true) }} as start_date,
        {{ parse_flag('cina_assessment_child_seen') }} as is_child_seen,
        {{ parse_date('cina_assessment_auth_date', with_time=true) }} as authorisation_date,
        {{ parse_json('cina_assessment_outcome_json') }} as assessment_outcome_json,
        {{ parse_flag('cina_assessment_outcome_nfa') }} as is_assessment_nfa,
        cina_assessment_team as assessment_team,
        cina_assessment_worker_id as assessment_worker_id,
        _source_file,
        _row_number

    from source

)

select * from renamed
