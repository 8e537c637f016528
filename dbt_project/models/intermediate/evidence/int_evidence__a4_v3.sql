-- A4 2018/19 evidence (int_visits_due): each visit due in the month (by its due date) to a
-- child in the CIN, CP, CLA or Dual cohort; in the numerator when made in time. The
-- cohort is kept on every row (seed 003:104 reports the rate per cohort).
--   A4_v3                        all cohorts
--   OP_A4_CIN, OP_A4_CP,         the same rows of one cohort each (operational, no target):
--   OP_A4_CLA, OP_A4_DUAL        evidence_of cannot filter a cohort, so the rows are repeated
--                                under their own definition

with

due as (

    select * from {{ ref('int_visits_due') }}

),

a4 as (

    select
        la_code,
        'A4_v3' as definition_id,
        {{ dbt.date_trunc('month', "due_date") }}::date as period_start,
        'visit due' as subject_type,
        child_id || ' ' || cohort || ' ' || anchor_type || ' ' || cast(anchor_date as varchar) as subject_id,
        child_id,
        due_date as event_date,
        cohort,
        is_made_in_time as in_numerator
    from due

),

final as (

    select * from a4
    union all
    select * replace ('OP_A4_' || upper(cohort) as definition_id) from a4

)

select * from final
