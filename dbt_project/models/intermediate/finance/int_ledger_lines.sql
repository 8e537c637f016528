-- Ledger lines (one per month, cost centre and funding stream) with the financial year's
-- budget and forecast of the line, as at the month.
--   budget             the month's budget as written (a blank budget is no budget: 0)
--   annual_budget      the line's budgets over the financial year (1 April to 31 March).
--                      Months after the ledger's latest month have not been extracted yet:
--                      a line in that latest month is taken to keep its budget for the
--                      rest of the year; a line that stopped earlier has no more budget.
--   forecast           forecast_outturn (full-year forecast as at the month); a blank
--                      forecast is taken at budget (no variance)
--   favourable_variance  against plan, positive when favourable: income forecast minus
--                      budget; expenditure budget minus forecast (an underspend)
--   is_core_contract   funding stream 'core contract' (case and surrounding space aside);
--                      every other stream is additional to the annual contract (D19)
--   is_income          category income; every other category is expenditure
-- Money is DECIMAL throughout, never binary floating point: amounts as staged
-- (decimal(18, 4): the ledger writes pounds and pence), sums and differences exact
-- (decimal(38, 4)), so a variance is the pence the ledger gives.

with

ledger as (

    select * from {{ ref('stg_finance__ledger') }}
    where month is not null and cost_centre is not null

),

lines as (

    select
        la_code,
        {{ dbt.date_trunc('month', "month") }}::date as period_start,
        case
            when month(month) >= 4 then make_date(year(month), 4, 1)
            else make_date(year(month) - 1, 4, 1)
        end as financial_year_start,
        cost_centre,
        service_area,
        lower(category) as category,
        coalesce(funding_stream, '') as funding_stream,
        coalesce(lower(trim(funding_stream)) = 'core contract', false) as is_core_contract,
        coalesce(lower(category) = 'income', false) as is_income,
        coalesce(budget, 0) as budget,
        actual,
        forecast_outturn
    from ledger

),

ledger_end as (

    select la_code, max(period_start) as last_month
    from lines
    group by la_code

),

annual as (

    select
        lines.la_code,
        lines.cost_centre,
        lines.funding_stream,
        lines.financial_year_start,
        ledger_end.last_month,
        sum(lines.budget) as budget_in_ledger,
        sum(lines.budget) filter (where lines.period_start = ledger_end.last_month) as budget_in_last_month
    from lines
    inner join ledger_end on ledger_end.la_code = lines.la_code
    group by all

),

annual_budget as (

    select
        *,
        budget_in_ledger + coalesce(
            budget_in_last_month * (11 - {{ dbt.datediff("financial_year_start", "last_month", 'month') }}), 0
        ) as annual_budget
    from annual

),

joined as (

    select
        lines.la_code,
        lines.period_start,
        lines.financial_year_start,
        year(lines.financial_year_start) || '/' || right((year(lines.financial_year_start) + 1)::varchar, 2)
            as financial_year,
        lines.cost_centre,
        lines.service_area,
        lines.category,
        lines.funding_stream,
        lines.is_core_contract,
        lines.is_income,
        lines.budget,
        lines.actual,
        lines.forecast_outturn,
        annual_budget.annual_budget::decimal(38, 4) as annual_budget,
        coalesce(lines.forecast_outturn, annual_budget.annual_budget)::decimal(38, 4) as forecast
    from lines
    inner join annual_budget
        on annual_budget.la_code = lines.la_code
        and annual_budget.cost_centre = lines.cost_centre
        and annual_budget.funding_stream = lines.funding_stream
        and annual_budget.financial_year_start = lines.financial_year_start

),

final as (

    select
        *,
        case when is_income then forecast - annual_budget else annual_budget - forecast end as favourable_variance
    from joined

)

select * from final
