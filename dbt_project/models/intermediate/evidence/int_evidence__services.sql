-- Evidence of the services measures: the union of their evidence models. Until a
-- measure is built this is empty (a typed, zero-row select).

select
    null::varchar as la_code, null::varchar as definition_id, null::date as period_start,
    null::varchar as subject_type, null::varchar as subject_id, null::varchar as child_id,
    null::date as event_date, null::varchar as cohort, null::boolean as in_numerator,
    null::double as numerator_amount, null::double as denominator_amount
where false
