-- Evidence of the children in care measures: the union of their evidence models (B8 care
-- proceedings, B9 and B10 placement stability, B11-B14 care leavers, operational counts).
-- Definitions: seed indicator_definitions__children_in_care; as implemented:
-- docs/indicators_children_in_care.md.

select
    null::varchar as la_code, null::varchar as definition_id, null::date as period_start,
    null::varchar as subject_type, null::varchar as subject_id, null::varchar as child_id,
    null::date as event_date, null::varchar as cohort, null::boolean as in_numerator,
    null::double as numerator_amount, null::double as denominator_amount
where false

{% for model in ['int_evidence__b8', 'int_evidence__b9', 'int_evidence__b10',
                 'int_evidence__b_care_leavers', 'int_evidence__cla_operational'] %}
union all by name
select * from {{ ref(model) }}
{% endfor %}
