-- The contract's measures of each reported period: for every authority, period (month,
-- quarter, contract year) and contract code, the catalogue row that judges it. A row
-- applies to a period when it is in force in any month of the period; when a code
-- changed within the period (a basket or a definition changed mid-year), the row that
-- came into force last wins, so each code has one row a period:
--   * a month is judged by the row in force that month;
--   * Q4 2015/16 (January to March 2016) by the Year 2 basket, in force from January;
--   * a contract year's outturn by the row in force at its end, or, for a code that left
--     the basket during the year (A7 in January 2016), by the last row it had that year.

with

basket as (

    select * from {{ ref('int_contract_basket') }}

),

periods as (

    select distinct la_code, period_type, period_start, period_end
    from {{ ref('int_indicator_values') }}

),

final as (

    select
        periods.la_code,
        periods.period_type,
        periods.period_start,
        periods.period_end,
        basket.*
    from periods
    inner join basket
        on basket.effective_from <= periods.period_end
        and basket.effective_to >= periods.period_start
    qualify row_number() over (
        partition by periods.la_code, periods.period_type, periods.period_start, basket.indicator_code
        order by basket.effective_from desc
    ) = 1

)

select * from final
