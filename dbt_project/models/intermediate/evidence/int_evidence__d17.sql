-- D17 evidence: the finance measures of the core contract, as at each month (the quarter
-- takes its last month). A ledger line is the row of one month, cost centre and funding
-- stream (int_ledger_lines); the balance sheet row is the month end's.
--   D17a_v2  core lines: favourable variance of the year-end forecast against the annual
--            budget to the numerator (income above budget, expenditure below it);
--            expenditure lines add their annual budget to the denominator.
--            D17a_v1 (£) sums the same numerator (indicator_definitions.evidence_of).
--   D17b_v1  core income lines: forecast to the numerator, annual budget to the denominator
--   D17c_v1  core expenditure lines: annual budget (the plan) to the numerator, forecast to
--            the denominator: budgeted / forecast expenditure, so the figure falls as
--            spending rises and higher is better. As the papers report it: target 99.5%,
--            performance 98% (seed 002:2183-2184) with plan £42.3M against forecast £43.1M
--            in the scorecard (002:1760; 42.3 / 43.1 = 98.1%), OFF TARGET (002:1682).
--   D17d_v1  the month-end cash to the numerator; every expenditure line of the month, of
--            every funding stream, adds its actual spend / the days in the month to the
--            denominator: days of cash at the month's average daily expenditure
--   D17e_v1  current assets to the numerator, current liabilities to the denominator
-- The cohort is the ledger category (placements, staffing, other_expenditure, income).
-- Amounts are DECIMAL(38, 10), each branch cast alike (a union of DECIMAL(38, s) keeps the
-- smaller scale): exact pounds and pence as int_ledger_lines and the balance sheet give
-- them; D17d's daily expenditure, a quotient, is rounded to 10 decimal places.

with

lines as (

    select * from {{ ref('int_ledger_lines') }}

),

balance_sheet as (

    select * from {{ ref('stg_finance__balance_sheet') }}
    where month_end is not null

),

core as (

    select * from lines where is_core_contract

),

final as (

    select
        la_code,
        'D17a_v2' as definition_id,
        period_start,
        'ledger line' as subject_type,
        cost_centre || ' / ' || funding_stream as subject_id,
        null::varchar as child_id,
        period_start as event_date,
        category as cohort,
        true as in_numerator,
        favourable_variance::decimal(38, 10) as numerator_amount,
        (case when is_income then 0 else annual_budget end)::decimal(38, 10) as denominator_amount
    from core

    union all

    select la_code, 'D17b_v1', period_start, 'ledger line', cost_centre || ' / ' || funding_stream, null,
        period_start, category, true, forecast::decimal(38, 10), annual_budget::decimal(38, 10)
    from core
    where is_income

    union all

    select la_code, 'D17c_v1', period_start, 'ledger line', cost_centre || ' / ' || funding_stream, null,
        period_start, category, true, annual_budget::decimal(38, 10), forecast::decimal(38, 10)
    from core
    where not is_income

    union all

    select la_code, 'D17d_v1', period_start, 'ledger line', cost_centre || ' / ' || funding_stream, null,
        period_start, category, false, 0::decimal(38, 10),
        round(coalesce(actual, 0) / day({{ dbt.last_day("period_start", 'month') }}), 10)::decimal(38, 10)
    from lines
    where not is_income

    union all

    select la_code, 'D17d_v1', {{ dbt.date_trunc('month', "month_end") }}::date, 'balance sheet', month_end::varchar, null,
        month_end, 'cash', true, coalesce(cash, 0)::decimal(38, 10), 0::decimal(38, 10)
    from balance_sheet

    union all

    select la_code, 'D17e_v1', {{ dbt.date_trunc('month', "month_end") }}::date, 'balance sheet', month_end::varchar, null,
        month_end, 'current assets', true, current_assets::decimal(38, 10), current_liabilities::decimal(38, 10)
    from balance_sheet
    where current_assets is not null and current_liabilities is not null

)

select * from final
