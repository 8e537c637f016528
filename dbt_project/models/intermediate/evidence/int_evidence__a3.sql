-- A3 evidence: routine case file audits completed in the month; in the numerator when
-- graded requires improvement or better (outstanding, good, requires_improvement). The
-- grade is kept as the cohort, for the breakdown by grade.
-- OP_AUDITS_GOOD (no target): the same audits, in the numerator when graded good or
-- outstanding (seed 003:94: "82% of cases audited in the quarter graded as good or
-- outstanding"; seed 004:23 counts the grades the same way).

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

    union all

    select
        la_code, 'OP_AUDITS_GOOD', {{ dbt.date_trunc('month', "audit_date") }}::date, 'case audit', audit_id,
        child_id, audit_date, lower(overall_grade), lower(overall_grade) in ('outstanding', 'good')
    from audits

)

select * from final
