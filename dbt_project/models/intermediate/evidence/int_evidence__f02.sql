-- F02 evidence: the reoffending cohort of the month (int_yjs_reoffending_cohort), counted in the
-- cohort month, in the numerator when they reoffended. Only cohorts whose 18 months of
-- follow-up and waiting have passed inside the extract appear, so the latest 18 months
-- have no value yet. The cohort column is the index disposal type.

select
    la_code,
    'F02_v1' as definition_id,
    period_start,
    'young person' as subject_type,
    person_id as subject_id,
    null::varchar as child_id,
    index_date as event_date,
    index_disposal_type as cohort,
    has_reoffended as in_numerator
from {{ ref('int_yjs_reoffending_cohort') }}
