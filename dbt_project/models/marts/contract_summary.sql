-- The contract scorecard summary (seed 003, section 2.2): per authority, quarter and
-- area, how many of that contract year's measures are in each status, and their share.
-- A measure of the basket with no value for the quarter (its extract is missing, or it is
-- not computed) is counted as NO VALUE. area = 'all' totals the areas.

with

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

quarters as (

    select distinct la_code, period_start, period_end, contract_year
    from {{ ref('indicator_values') }}
    where period_type = 'quarter'

),

measures as (

    select
        quarters.la_code,
        quarters.period_start,
        quarters.period_end,
        quarters.contract_year,
        catalogue.area,
        catalogue.indicator_code,
        coalesce(values_.status, 'NO VALUE') as status
    from quarters
    inner join catalogue on catalogue.contract_year = quarters.contract_year
    left join {{ ref('indicator_values') }} as values_
        on values_.la_code = quarters.la_code
        and values_.period_type = 'quarter'
        and values_.period_start = quarters.period_start
        and values_.definition_id = catalogue.definition_id

),

counted as (

    select la_code, period_start, period_end, contract_year, area, status, count(*) as measures
    from measures
    group by all
    union all
    select la_code, period_start, period_end, contract_year, 'all' as area, status, count(*) as measures
    from measures
    group by all

),

final as (

    select
        *,
        round(100.0 * measures / sum(measures) over (partition by la_code, period_start, area), 1) as share_percent
    from counted

)

select * from final
