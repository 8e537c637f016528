-- A2 evidence: every single assessment, in the month it was authorised.

with

timeliness as (

    select * from {{ ref('int_assessment_timeliness') }}

),

final as (

    select
        la_code,
        'A2_v1' as definition_id,
        {{ dbt.date_trunc('month', "authorisation_date") }}::date as period_start,
        'assessment' as subject_type,
        assessment_id as subject_id,
        child_id,
        authorisation_date as event_date,
        is_within_45_working_days as in_numerator
    from timeliness

)

select * from final
