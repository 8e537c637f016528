-- The contract scorecard summary (seed 003, section 2.2): per authority, quarter or
-- contract year, and area, how many of the measures the contract judged that period by
-- (int_contract_periods: the effective-dated basket, so Q4 2015/16 counts the Year 2
-- set) are in each status, and their share. A measure of the basket with no value for the
-- period (its extract is missing, or it is not computed) is counted as NO VALUE.
-- area = 'all' totals the areas.

with

contract as (

    select * from {{ ref('int_contract_periods') }}
    where period_type in ('quarter', 'year')

),

measures as (

    select
        contract.la_code,
        contract.period_type,
        contract.period_start,
        contract.period_end,
        {{ contract_year('contract.period_start') }} as contract_year,
        contract.area,
        contract.indicator_code,
        coalesce(values_.status, 'NO VALUE') as status
    from contract
    left join {{ ref('indicator_values') }} as values_
        on values_.la_code = contract.la_code
        and values_.period_type = contract.period_type
        and values_.period_start = contract.period_start
        and values_.definition_id = contract.definition_id

),

counted as (

    select la_code, period_type, period_start, period_end, contract_year, area, status, count(*) as measures
    from measures
    group by all
    union all
    select la_code, period_type, period_start, period_end, contract_year, 'all' as area, status, count(*) as measures
    from measures
    group by all

),

final as (

    select
        *,
        round(100.0 * measures / sum(measures) over (partition by la_code, period_type, period_start, area), 1) as share_percent
    from counted

)

select * from final
