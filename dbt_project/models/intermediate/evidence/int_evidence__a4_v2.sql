-- A4 Year 2 evidence: CP visits in the month to children on a plan; in the numerator when
-- the child was seen and the visit came within 10 working days of the previous CP visit
-- (or of the plan's start).

with

visits as (

    select * from {{ ref('int_visit_timeliness') }}

),

final as (

    select
        la_code,
        'A4_v2' as definition_id,
        {{ dbt.date_trunc('month', "visit_date") }}::date as period_start,
        'CP visit' as subject_type,
        visit_id as subject_id,
        child_id,
        visit_date as event_date,
        is_in_timescale as in_numerator
    from visits

)

select * from final
