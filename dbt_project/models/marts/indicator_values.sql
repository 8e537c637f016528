-- Indicator values with the contract's view of them: the contract year of the period
-- (1 April to 31 March), the code, target and tolerance of the definition in that year's
-- basket (seed indicator_catalogue), the status against target and the six-month trend.
--   status  ON TARGET          value at or better than the target
--           IN TOLERANCE       not at target, at or better than the tolerance
--           OUTSIDE TOLERANCE  worse than the tolerance
--           NO TARGET SET      in the year's basket without a target
--           null               not in that year's basket, or no value
--   "better" follows the definition's polarity (higher or lower).
--   trend   the value against the same period type's value trend_months (6) months
--           earlier (for quarters, two quarters): improving / declining beyond the stable
--           threshold, else stable; null without an earlier value;
--           rising / falling / stable for measures with no polarity.

with

values_ as (

    select * from {{ ref('int_indicator_values') }}

),

definitions as (

    select * from {{ ref('indicator_definitions') }}

),

catalogue as (

    select * from {{ ref('indicator_catalogue') }}
    where definition_id is not null

),

with_year as (

    select
        values_.*,
        case
            when month(values_.period_start) >= 4
                then year(values_.period_start) || '/' || right((year(values_.period_start) + 1)::varchar, 2)
            else (year(values_.period_start) - 1) || '/' || right(year(values_.period_start)::varchar, 2)
        end as contract_year
    from values_

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
        and earlier.period_start = {{ dbt.dateadd('month', -var('trend_months'), 'with_year.period_start') }}

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
        catalogue.contract_year is not null as is_contract_measure,
        catalogue.indicator_code as contract_code,
        catalogue.area,
        catalogue.target,
        catalogue.tolerance,
        case
            when catalogue.contract_year is null or v.value is null then null
            when catalogue.target is null then 'NO TARGET SET'
            when definitions.polarity = 'lower' and v.value <= catalogue.target then 'ON TARGET'
            when definitions.polarity = 'lower' and v.value <= catalogue.tolerance then 'IN TOLERANCE'
            when definitions.polarity = 'lower' then 'OUTSIDE TOLERANCE'
            when v.value >= catalogue.target then 'ON TARGET'
            when v.value >= catalogue.tolerance then 'IN TOLERANCE'
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
        end as trend
    from with_earlier as v
    inner join definitions on definitions.definition_id = v.definition_id
    left join catalogue
        on catalogue.contract_year = v.contract_year and catalogue.definition_id = v.definition_id

)

select * from final
