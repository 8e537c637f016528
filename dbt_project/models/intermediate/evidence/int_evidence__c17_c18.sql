-- C17 and C18 evidence: family support interventions closed in the month (see
-- int_family_support_closures).
--   C17_v1  in the numerator when the outcome on closure was improved; not_improved,
--           unknown and blank outcomes stay in the denominator. The cohort is the outcome.
--   C18_v1  each adds its length in days to the numerator (value: average days).

with

closures as (

    select * from {{ ref('int_family_support_closures') }}

),

final as (

    select
        la_code,
        'C17_v1' as definition_id,
        period_start,
        'family support intervention' as subject_type,
        intervention_id as subject_id,
        null::varchar as child_id,
        end_date as event_date,
        coalesce(outcome_on_closure, 'blank') as cohort,
        is_improved as in_numerator,
        null::double as numerator_amount
    from closures

    union all

    select la_code, 'C18_v1', period_start, 'family support intervention', intervention_id, null,
        end_date, coalesce(outcome_on_closure, 'blank'), true, length_days::double
    from closures

)

select * from final
