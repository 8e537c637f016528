-- The care ladder, per authority, quarter and placement category: children at the quarter
-- end, what they cost and the budget, for the quarters whose three months lie inside the
-- SSDA903 coverage, from the reporting start. Categories are those of the seed
-- placement_category_map (plus "unmapped" when a child matches no row) and of the
-- authority's care_ladder_budget.csv.
--   children_at_quarter_end    int_care_ladder_children_at_month_end at the quarter's last
--                              day; looked_after_children_at_quarter_end counts only those
--                              looked after (special guardianship children are not), so it
--                              adds up over the categories to OP_CLA (children looked
--                              after, short breaks under LS V3/V4 left out)
--   weekly_cost                the unit cost in force on the quarter's last day
--   cost_in_quarter            every day a child spent in the category in the quarter at the
--                              unit cost in force that day (weekly cost / 7); days with no
--                              unit cost in force are left unpriced (unpriced_child_days)
--   cost_year_to_date          the same from 1 April to the quarter end
--   forecast_year_cost         cost_year_to_date plus the children at the quarter end at
--                              the quarter-end weekly cost until 31 March
--   budgeted_children,         the financial year's line of care_ladder_budget.csv (budget
--   budget_amount              for the whole year)
--   children_variance          children_at_quarter_end - budgeted_children
--   forecast_variance          forecast_year_cost - budget_amount (positive: overspend)
-- Money is DECIMAL, never binary floating point: unit costs and budgets as staged, and
-- the costs kept exact as sevenths (child days x weekly cost, summed) until each is
-- divided by 7 and rounded to the penny once (macro divide_to_pence), at the end.

with

months as (

    select * from {{ ref('int_coverage_months') }}
    where source_family = 'placement'

),

spells as (

    select * from {{ ref('int_care_ladder_spells') }}

),

children as (

    select * from {{ ref('int_care_ladder_children_at_month_end') }}

),

unit_costs as (

    select * from {{ ref('stg_finance__placement_unit_costs') }}
    where valid_from is not null and placement_category is not null and weekly_cost is not null

),

budget as (

    select * from {{ ref('stg_finance__care_ladder_budget') }}
    where placement_category is not null and try_cast(left(financial_year, 4) as integer) is not null

),

category_map as (

    select * from {{ ref('placement_category_map') }}

),

quarters as (

    select
        la_code,
        {{ dbt.date_trunc('quarter', "period_start") }}::date as quarter_start,
        {{ dbt.last_day("period_start", 'quarter') }} as quarter_end
    from months
    group by all
    having count(*) = 3

),

quarters_in_year as (

    select
        *,
        case
            when month(quarter_start) >= 4 then make_date(year(quarter_start), 4, 1)
            else make_date(year(quarter_start) - 1, 4, 1)
        end as financial_year_start
    from quarters

),

categories as (

    select distinct quarters_in_year.la_code, category_map.placement_category
    from quarters_in_year
    cross join category_map
    union
    select distinct la_code, placement_category from budget
    union
    select distinct la_code, placement_category from spells

),

cost_periods as (

    select
        la_code,
        placement_category,
        valid_from,
        lead(valid_from) over (partition by la_code, placement_category order by valid_from) as valid_to,
        weekly_cost::decimal(38, 4) as weekly_cost
    from unit_costs

),

-- each spell cut to each quarter it overlaps: from_day up to the day before to_day
spell_quarters as (

    select
        quarters_in_year.la_code,
        quarters_in_year.quarter_start,
        spells.placement_category,
        greatest(spells.start_date, quarters_in_year.quarter_start) as from_day,
        least(coalesce(spells.end_date, date '9999-12-31'), quarters_in_year.quarter_end + 1) as to_day
    from quarters_in_year
    inner join spells
        on spells.la_code = quarters_in_year.la_code
        and spells.start_date <= quarters_in_year.quarter_end
        and (spells.end_date is null or spells.end_date > quarters_in_year.quarter_start)

),

days as (

    select la_code, quarter_start, placement_category, sum(to_day - from_day) as child_days_in_quarter
    from spell_quarters
    group by all

),

priced as (

    select
        spell_quarters.la_code,
        spell_quarters.quarter_start,
        spell_quarters.placement_category,
        -- seven times the cost: child days x weekly cost, exact
        sum(
            (least(spell_quarters.to_day, coalesce(cost_periods.valid_to, date '9999-12-31'))
                - greatest(spell_quarters.from_day, cost_periods.valid_from))
            * cost_periods.weekly_cost
        ) as cost_in_quarter_x7,
        sum(
            least(spell_quarters.to_day, coalesce(cost_periods.valid_to, date '9999-12-31'))
                - greatest(spell_quarters.from_day, cost_periods.valid_from)
        ) as priced_child_days
    from spell_quarters
    inner join cost_periods
        on cost_periods.la_code = spell_quarters.la_code
        and cost_periods.placement_category = spell_quarters.placement_category
        and cost_periods.valid_from < spell_quarters.to_day
        and (cost_periods.valid_to is null or cost_periods.valid_to > spell_quarters.from_day)
    group by all

),

at_quarter_end as (

    select
        quarters_in_year.la_code,
        quarters_in_year.quarter_start,
        children.placement_category,
        count(*) as children_at_quarter_end,
        count(*) filter (where children.is_looked_after) as looked_after_children_at_quarter_end
    from quarters_in_year
    inner join children
        on children.la_code = quarters_in_year.la_code
        and children.period_end = quarters_in_year.quarter_end
    group by all

),

grid as (

    select
        quarters_in_year.la_code,
        quarters_in_year.quarter_start,
        quarters_in_year.quarter_end,
        quarters_in_year.financial_year_start,
        categories.placement_category,
        coalesce(at_quarter_end.children_at_quarter_end, 0) as children_at_quarter_end,
        coalesce(at_quarter_end.looked_after_children_at_quarter_end, 0) as looked_after_children_at_quarter_end,
        (
            select cost_periods.weekly_cost from cost_periods
            where cost_periods.la_code = quarters_in_year.la_code
                and cost_periods.placement_category = categories.placement_category
                and cost_periods.valid_from <= quarters_in_year.quarter_end
            order by cost_periods.valid_from desc
            limit 1
        ) as weekly_cost,
        coalesce(days.child_days_in_quarter, 0) as child_days_in_quarter,
        coalesce(days.child_days_in_quarter, 0) - coalesce(priced.priced_child_days, 0) as unpriced_child_days,
        coalesce(priced.cost_in_quarter_x7, 0) as cost_in_quarter_x7
    from quarters_in_year
    inner join categories on categories.la_code = quarters_in_year.la_code
    left join at_quarter_end
        on at_quarter_end.la_code = quarters_in_year.la_code
        and at_quarter_end.quarter_start = quarters_in_year.quarter_start
        and at_quarter_end.placement_category = categories.placement_category
    left join days
        on days.la_code = quarters_in_year.la_code
        and days.quarter_start = quarters_in_year.quarter_start
        and days.placement_category = categories.placement_category
    left join priced
        on priced.la_code = quarters_in_year.la_code
        and priced.quarter_start = quarters_in_year.quarter_start
        and priced.placement_category = categories.placement_category

),

year_to_date as (

    select
        *,
        sum(cost_in_quarter_x7) over (
            partition by la_code, placement_category, financial_year_start order by quarter_start
        ) as cost_year_to_date_x7
    from grid

),

forecast as (

    select
        *,
        cost_year_to_date_x7
        + children_at_quarter_end * coalesce(weekly_cost, 0)
            * (make_date(year(financial_year_start) + 1, 3, 31) - quarter_end)
            as forecast_year_cost_x7
    from year_to_date

),

final as (

    select
        forecast.la_code,
        forecast.quarter_start,
        forecast.quarter_end,
        year(forecast.financial_year_start) || '/'
            || right((year(forecast.financial_year_start) + 1)::varchar, 2) as financial_year,
        forecast.placement_category,
        forecast.children_at_quarter_end,
        forecast.looked_after_children_at_quarter_end,
        forecast.weekly_cost::decimal(18, 4) as weekly_cost,
        forecast.child_days_in_quarter,
        forecast.unpriced_child_days,
        {{ divide_to_pence('forecast.cost_in_quarter_x7', 7) }}::decimal(18, 2) as cost_in_quarter,
        {{ divide_to_pence('forecast.cost_year_to_date_x7', 7) }}::decimal(18, 2) as cost_year_to_date,
        {{ divide_to_pence('forecast.forecast_year_cost_x7', 7) }}::decimal(18, 2) as forecast_year_cost,
        budget.budgeted_children,
        budget.budget_amount,
        forecast.children_at_quarter_end - budget.budgeted_children as children_variance,
        {{ divide_to_pence('forecast.forecast_year_cost_x7 - 7 * budget.budget_amount', 7) }}::decimal(18, 2)
            as forecast_variance
    from forecast
    left join budget
        on budget.la_code = forecast.la_code
        and budget.placement_category = forecast.placement_category
        and try_cast(left(budget.financial_year, 4) as integer) = year(forecast.financial_year_start)
    where forecast.quarter_start >= date '{{ var("reporting_start") }}'

)

select * from final
