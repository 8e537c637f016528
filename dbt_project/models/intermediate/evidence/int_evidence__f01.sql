-- F01 evidence: young people whose order ended in the month (int_yjs_order_ends), in the
-- numerator when in suitable education, training or employment at its end. The cohort is
-- the ETE recorded (not_recorded when none was).

select
    la_code,
    'F01_v1' as definition_id,
    period_start,
    'young person' as subject_type,
    person_id as subject_id,
    null::varchar as child_id,
    last_order_end_date as event_date,
    ete_at_end as cohort,
    is_in_ete as in_numerator
from {{ ref('int_yjs_order_ends') }}
