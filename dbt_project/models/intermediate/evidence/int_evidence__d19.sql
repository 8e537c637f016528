-- D19 evidence: expenditure lines of every funding stream other than the core contract,
-- as at each month (the quarter takes its last month): the favourable variance of the
-- year-end forecast against the annual budget (budget minus forecast) to the numerator,
-- the annual budget to the denominator. The cohort is the funding stream, for the value
-- per stream; a stream with spend and no budget line adds its whole forecast as an
-- overspend and nothing to the denominator (its own percentage has no value). A stream not
-- in its code list (seed code_lists, list funding_stream) is published as 'unknown' (macro
-- listed_code; the check "codes in their lists" names the rows); the line keeps its own
-- stream until here, so that two unknown streams are not summed into one line.

select
    la_code,
    'D19_v1' as definition_id,
    period_start,
    'ledger line' as subject_type,
    cost_centre || ' / ' || funding_stream as subject_id,
    null::varchar as child_id,
    period_start as event_date,
    {{ listed_code('funding_stream', 'funding_stream') }} as cohort,
    true as in_numerator,
    favourable_variance::decimal(38, 10) as numerator_amount,
    annual_budget::decimal(38, 10) as denominator_amount
from {{ ref('int_ledger_lines') }}
where not is_core_contract and not is_income
