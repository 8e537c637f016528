-- The contract's figure: one row per authority, contract code and period (month, quarter,
-- contract year), the definition the basket in force used for it (int_contract_periods).
-- marts.indicator_values holds every definition's value, so a code computed two ways in a
-- period (D17a in £ and in % of budget) has two rows there; this table has the one the
-- contract judged, with its comparators. Measures in the basket with no value are counted in contract_summary.

select
    la_code,
    contract_code,
    period_type,
    period_start,
    period_end,
    contract_year,
    basket,
    area,
    definition_id,
    unit,
    polarity,
    numerator,
    denominator,
    value,
    target_rule,
    tolerance_rule,
    target,
    tolerance,
    status,
    trend,
    target_note,
    definition_source,
    target_source,
    {%- for group in var('comparator_groups') %}
    comparator_{{ group }},
    comparator_{{ group }}_year,
    {%- endfor %}
    comparators_illustrative
from {{ ref('indicator_values') }}
where is_contract_measure
