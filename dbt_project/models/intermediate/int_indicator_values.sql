-- Indicator values per authority, definition and period (month, quarter and contract
-- year), from the evidence, before the contract's targets are applied
-- (marts.indicator_values). Monthly: numerator and denominator of the evidence months in
-- the definition's rolling window. Quarters and contract years (1 April to 31 March, the
-- outturn), by the definition's quarter_rule: "sum" adds the period's own months (a
-- flow); "last_month" takes the period's last month (a snapshot or rolling measure: the
-- quarter end, the year end). A quarter is reported once its three months are, a year
-- once its twelve are. A period with no denominator has a null value, never zero.
-- Numerators and denominators are exact decimals end to end.

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

period_months as (

    select
        monthly.*,
        period_kind.period_type,
        case period_kind.period_type
            when 'quarter' then {{ dbt.date_trunc('quarter', "monthly.period_start") }}::date
            else {{ dbt.dateadd('month', 3, dbt.date_trunc('year', dbt.dateadd('month', -3, 'monthly.period_start'))) }}::date
        end as container_start,
        definitions.quarter_rule
    from monthly
    inner join definitions on definitions.definition_id = monthly.definition_id
    cross join (values ('quarter'), ('year')) as period_kind(period_type)

),

ranked_months as (

    select
        *,
        count(*) over (partition by la_code, definition_id, period_type, container_start) as months_in_period,
        row_number() over (
            partition by la_code, definition_id, period_type, container_start
            order by period_start desc
        ) as months_from_period_end
    from period_months

),

aggregated as (

    select
        period_type,
        la_code,
        definition_id,
        container_start as period_start,
        case period_type
            when 'quarter' then {{ dbt.last_day("container_start", 'quarter') }}
            else {{ dbt.dateadd('day', -1, dbt.dateadd('month', 12, 'container_start')) }}
        end::date as period_end,
        case
            when any_value(quarter_rule) = 'sum' then sum(numerator)
            else max(numerator) filter (where months_from_period_end = 1)
        end as numerator,
        case
            when any_value(quarter_rule) = 'sum' then sum(denominator)
            else max(denominator) filter (where months_from_period_end = 1)
        end as denominator
    from ranked_months
    -- a quarter is reported once all three of its months are, a year all twelve
    where months_in_period = case period_type when 'quarter' then 3 else 12 end
    group by period_type, la_code, definition_id, container_start

),

periods as (

    select 'month' as period_type, * from monthly
    union all by name
    select * from aggregated

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
        periods.numerator::decimal(38, 4) as numerator,
        periods.denominator::decimal(38, 4) as denominator,
        -- the value from the exact sums, rounded once to 4 decimals
        case
            when definitions.unit = 'count' then periods.numerator
            when definitions.denominator_source = 'none' then periods.numerator * definitions.value_multiplier::decimal(18, 4)
            when periods.denominator > 0
                then round(periods.numerator * definitions.value_multiplier::decimal(18, 4) / periods.denominator, 4)
        end::decimal(38, 4) as value
    from with_population as periods
    inner join definitions on definitions.definition_id = periods.definition_id

)

select * from final
