-- A3 evidence: routine case file audits completed in the month; in the numerator when
-- graded requires improvement or better (outstanding, good, requires_improvement). The
-- grade is kept as the cohort, for the breakdown by grade.

with

audits as (

    select * from {{ ref('stg_case__case_audits') }}
    where audit_date is not null and lower(audit_type) = 'routine' and overall_grade is not null

),

final as (

    select
        la_code,
        'A3_v1' as definition_id,
        {{ dbt.date_trunc('month', "audit_date") }}::date as period_start,
        'case audit' as subject_type,
        audit_id as subject_id,
        child_id,
        audit_date as event_date,
        lower(overall_grade) as cohort,
        lower(overall_grade) in ('outstanding', 'good', 'requires_improvement') as in_numerator
    from audits

)

select * from final
