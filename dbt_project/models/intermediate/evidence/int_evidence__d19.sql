-- D19 evidence: expenditure lines of every funding stream other than the core contract,
-- as at each month (the quarter takes its last month): the favourable variance of the
-- year-end forecast against the annual budget (budget minus forecast) to the numerator,
-- the annual budget to the denominator. The cohort is the funding stream, for the value
-- per stream; a stream with spend and no budget line adds its whole forecast as an
-- overspend and nothing to the denominator (its own percentage has no value).

select
    la_code,
    'D19_v1' as definition_id,
    period_start,
    'ledger line' as subject_type,
    cost_centre || ' / ' || funding_stream as subject_id,
    null::varchar as child_id,
    period_start as event_date,
    funding_stream as cohort,
    true as in_numerator,
    favourable_variance::decimal(38, 10) as numerator_amount,
    annual_budget::decimal(38, 10) as denominator_amount
from {{ ref('int_ledger_lines') }}
where not is_core_contract and not is_income
