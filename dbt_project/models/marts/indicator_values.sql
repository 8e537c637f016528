-- Indicator values with the contract's view of them: the contract year of the period
-- (1 April to 31 March), and, where the definition is the contract's measure for the
-- period (int_contract_periods: the basket row in force, effective-dated), its code,
-- target and tolerance rules, the status against them and the six-month trend.
--   status  ON TARGET          the value meets the target rule (">= 92", "> 0" ...)
--           IN TOLERANCE       not on target, meets the tolerance rule
--           OUTSIDE TOLERANCE  meets neither
--           NO TARGET SET      in the basket without a target (target_note says why)
--           null               not the contract's measure for the period, or no value
--   The rules carry their own direction (seed indicator_catalogue); the definition's
--   polarity only names the trend.
--   trend   the value against the same period type's value trend_months (6) months
--           earlier (for quarters, two quarters; for a contract year, the year before):
--           improving / declining beyond the stable
--           threshold, else stable; null without an earlier value;
--           rising / falling / stable for measures with no polarity.
--   comparator_<group>, comparator_<group>_year  per group of var('comparator_groups')
--           (national, regional, statistical_neighbours, best): the latest figure of the
--           definition (int_comparators, seed comparators) whose year is not after the
--           period's contract year, and that year; comparators_illustrative when any
--           figure shown is an example, not a published one.

with

values_ as (

    select * from {{ ref('int_indicator_values') }}

),

definitions as (

    select * from {{ ref('indicator_definitions') }}

),

contract as (

    select * from {{ ref('int_contract_periods') }}
    where definition_id is not null

),

with_year as (

    select
        values_.*,
        {{ contract_year('values_.period_start') }} as contract_year
    from values_

),

comparators as (

    select * from {{ ref('int_comparators') }}

),

-- per definition and contract year, each group's latest figure of a year not after it
comparator_years as (

    select
        {%- for group in var('comparator_groups') %}
        arg_max(comparators.value, comparators.year_start) filter (where comparators.comparator_group = '{{ group }}')
            as comparator_{{ group }},
        arg_max(comparators.year, comparators.year_start) filter (where comparators.comparator_group = '{{ group }}')
            as comparator_{{ group }}_year,
        arg_max(comparators.illustrative, comparators.year_start)
            filter (where comparators.comparator_group = '{{ group }}') as illustrative_{{ group }},
        {%- endfor %}
        periods.definition_id,
        periods.contract_year
    from (select distinct definition_id, contract_year from with_year) as periods
    inner join comparators
        on comparators.definition_id = periods.definition_id
        and comparators.year_start <= left(periods.contract_year, 4)::integer
    group by periods.definition_id, periods.contract_year

),

with_earlier as (

    select
        with_year.*,
        earlier.value as earlier_value
    from with_year
    left join with_year as earlier
        on earlier.la_code = with_year.la_code
        and earlier.definition_id = with_year.definition_id
        and earlier.period_type = with_year.period_type
        and earlier.period_start = {{ dbt.dateadd(
            'month',
            "case when with_year.period_type = 'year' then -12 else -" ~ var('trend_months') ~ " end",
            'with_year.period_start'
        ) }}

),

final as (

    select
        v.la_code,
        v.indicator_code,
        v.definition_id,
        v.period_type,
        v.period_start,
        v.period_end,
        v.numerator,
        v.denominator,
        v.value,
        definitions.unit,
        definitions.polarity,
        v.contract_year,
        contract.indicator_code is not null as is_contract_measure,
        contract.indicator_code as contract_code,
        contract.basket,
        contract.area,
        contract.target_rule,
        contract.tolerance_rule,
        -- the threshold as a number, for charts: the rule's bound (for "between", the
        -- bound on the polarity's worse side)
        coalesce(case when definitions.polarity = 'lower' then contract.target_high end, contract.target_low) as target,
        coalesce(case when definitions.polarity = 'lower' then contract.tolerance_high end, contract.tolerance_low) as tolerance,
        contract.target_note,
        contract.definition_source,
        contract.target_source,
        case
            when contract.indicator_code is null or v.value is null then null
            when contract.target_op is null then 'NO TARGET SET'
            when {{ meets_threshold('contract.target', 'v.value') }} then 'ON TARGET'
            when {{ meets_threshold('contract.tolerance', 'v.value') }} then 'IN TOLERANCE'
            else 'OUTSIDE TOLERANCE'
        end as status,
        case
            when v.value is null or v.earlier_value is null then null
            when abs(v.value - v.earlier_value) < case
                    when definitions.unit = 'percent' then {{ var('trend_stable_percentage_points') }}
                    else {{ var('trend_stable_relative_change') }} * abs(v.earlier_value)
                end
                then 'stable'
            when definitions.polarity = 'higher'
                then case when v.value > v.earlier_value then 'improving' else 'declining' end
            when definitions.polarity = 'lower'
                then case when v.value < v.earlier_value then 'improving' else 'declining' end
            else case when v.value > v.earlier_value then 'rising' else 'falling' end
        end as trend,
        {%- for group in var('comparator_groups') %}
        comparator_years.comparator_{{ group }},
        comparator_years.comparator_{{ group }}_year,
        {%- endfor %}
        coalesce(
            {%- for group in var('comparator_groups') %}
            comparator_years.illustrative_{{ group }}{{ ' or' if not loop.last }}
            {%- endfor %}, false) as comparators_illustrative
    from with_earlier as v
    inner join definitions on definitions.definition_id = v.definition_id
    left join comparator_years
        on comparator_years.definition_id = v.definition_id
        and comparator_years.contract_year = v.contract_year
    left join contract
        on contract.la_code = v.la_code
        and contract.period_type = v.period_type
        and contract.period_start = v.period_start
        and contract.definition_id = v.definition_id

)

select * from final
