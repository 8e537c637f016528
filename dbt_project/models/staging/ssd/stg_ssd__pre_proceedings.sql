-- ssd_pre_proceedings: typed and renamed only (docs/ssd.md). Columns kept in raw only (names, UPNs,
-- references) are not selected.
with

source as (

    select * from {{ source('raw_ssd', 'ssd_pre_proceedings') }}

),

renamed as (

    select
        la_code,
        prep_table_id as pre_proceedings_id,
        prep_person_id as child_id,
        prep_plo_family_id as plo_family_id,
        {{ parse_date('prep_pre_pro_decision_date', with_time=true) }} as decision_date,
        {{ parse_date('prep_initial_pre_pro_meeting_date', with_time=true) }} as initial_meeting_date,
        {{ parse_code('prep_pre_pro_outcome') }} as pre_proceedings_outcome,
        {{ parse_date('prep_agree_stepdown_issue_date', with_time=true) }} as stepdown_or_issue_date,
        {{ parse_integer('prep_cp_plans_referral_period') }} as cp_plans_in_referral,
        {{ parse_code('prep_legal_gateway_outcome') }} as legal_gateway_outcome,
        {{ parse_integer('prep_prev_pre_proc_child') }} as previous_pre_proceedings,
        {{ parse_integer('prep_prev_care_proc_child') }} as previous_care_proceedings,
        {{ parse_date('prep_pre_pro_letter_date', with_time=true) }} as pre_proceedings_letter_date,
        {{ parse_date('prep_care_pro_letter_date', with_time=true) }} as care_proceedings_letter_date,
        {{ parse_integer('prep_pre_pro_meetings_num') }} as pre_proceedings_meetings,
        {{ parse_flag('prep_pre_pro_parents_legal_rep') }} as has_parents_legal_rep,
        {{ parse_flag('prep_parents_legal_rep_point_of_issue') }} as has_parents_legal_rep_at_issue,
        {{ parse_integer('prep_care_proc_court_hearings') }} as court_hearings,
        {{ parse_flag('prep_care_proc_short_notice') }} as is_short_notice,
        prep_proc_short_notice_reason as short_notice_reason,
        {{ parse_flag('prep_la_inital_plan_approved') }} as is_initial_plan_approved,
        prep_la_initial_care_plan as initial_care_plan,
        {{ parse_flag('prep_la_final_plan_approved') }} as is_final_plan_approved,
        prep_la_final_care_plan as final_care_plan,
        _source_file,
        _row_number

    from source

)

select * from renamed
