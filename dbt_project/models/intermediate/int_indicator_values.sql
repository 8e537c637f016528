-- Indicator values per authority, definition and period (month and quarter), from the
-- evidence, before the contract's targets are applied (marts.indicator_values). Monthly: numerator and denominator of the evidence months in the
-- definition's rolling window. Quarterly, by the definition's quarter_rule: "sum" adds
-- the quarter's own months; "last_month" takes the quarter's last month. A period with
-- no denominator has a null value, never zero.

with

definitions as (

    select * from {{ ref('indicator_definitions') }}

),

reporting_months as (

    select * from {{ ref('int_reporting_months') }}

),

population as (

    select * from {{ ref('int_population_under_18') }}

),

-- a rate per 10,000 children counts the evidence of another definition (evidence_of).
-- Amounts are summed exactly, as decimals: a sum of doubles depends on the order of
-- addition, so a value on a rounding boundary came out differently from run to run.
evidence_months as (

    select
        evidence.la_code,
        definitions.definition_id,
        evidence.period_start,
        sum(evidence.denominator_amount::decimal(38, 10)) as denominator,
        sum(evidence.numerator_amount::decimal(38, 10)) as numerator
    from {{ ref('int_evidence') }} as evidence
    inner join definitions
        on evidence.definition_id = coalesce(nullif(definitions.evidence_of, ''), definitions.definition_id)
    group by all

),

monthly as (

    select
        reporting_months.la_code,
        reporting_months.definition_id,
        reporting_months.period_start,
        reporting_months.period_end,
        coalesce(sum(evidence_months.numerator), 0) as numerator,
        coalesce(sum(evidence_months.denominator), 0) as denominator
    from reporting_months
    inner join definitions on definitions.definition_id = reporting_months.definition_id
    left join evidence_months
        on evidence_months.la_code = reporting_months.la_code
        and evidence_months.definition_id = reporting_months.definition_id
        and evidence_months.period_start > {{ dbt.dateadd('month', '-definitions.rolling_months', 'reporting_months.period_start') }}
        and evidence_months.period_start <= reporting_months.period_start
    group by all

),

quarter_months as (

    select
        monthly.*,
        {{ dbt.date_trunc('quarter', "monthly.period_start") }}::date as quarter_start,
        definitions.quarter_rule,
        count(*) over (partition by monthly.la_code, monthly.definition_id, {{ dbt.date_trunc('quarter', "monthly.period_start") }}) as months_in_quarter,
        row_number() over (
            partition by monthly.la_code, monthly.definition_id, {{ dbt.date_trunc('quarter', "monthly.period_start") }}
            order by monthly.period_start desc
        ) as months_from_quarter_end
    from monthly
    inner join definitions on definitions.definition_id = monthly.definition_id

),

quarterly as (

    select
        la_code,
        definition_id,
        quarter_start as period_start,
        {{ dbt.last_day("quarter_start", 'quarter') }} as period_end,
        case
            when any_value(quarter_rule) = 'sum' then sum(numerator)
            else max(numerator) filter (where months_from_quarter_end = 1)
        end as numerator,
        case
            when any_value(quarter_rule) = 'sum' then sum(denominator)
            else max(denominator) filter (where months_from_quarter_end = 1)
        end as denominator
    from quarter_months
    -- a quarter is reported once all three of its months are
    where months_in_quarter = 3
    group by la_code, definition_id, quarter_start

),

periods as (

    select 'month' as period_type, * from monthly
    union all by name
    select 'quarter' as period_type, * from quarterly

),

-- rates per 10,000 children: the denominator is the under-18 population of the
-- period's calendar year, whatever the quarter rule
with_population as (

    select
        periods.* replace (
            case
                when definitions.denominator_source = 'population_under_18' then population.population_under_18
                else periods.denominator
            end as denominator
        )
    from periods
    inner join definitions on definitions.definition_id = periods.definition_id
    left join population
        on population.la_code = periods.la_code and population.year = year(periods.period_end)

),

final as (

    select
        periods.la_code,
        definitions.indicator_code,
        periods.definition_id,
        periods.period_type,
        periods.period_start,
        periods.period_end,
        periods.numerator::double as numerator,
        periods.denominator::double as denominator,
        case
            when definitions.unit = 'count' then periods.numerator::double
            when definitions.denominator_source = 'none' then periods.numerator::double * definitions.value_multiplier
            when periods.denominator > 0
                then round(periods.numerator::double * definitions.value_multiplier / periods.denominator::double, 4)
        end as value
    from with_population as periods
    inner join definitions on definitions.definition_id = periods.definition_id

)

select * from final
