-- Every (authority, indicator definition, month) an indicator value is reported for:
-- months from the reporting start (var reporting_start) inside the coverage of the
-- families the definition needs (source_family, several joined by '+': all must be
-- covered), and late enough that a rolling window lies wholly inside that coverage.

with

definitions as (

    select * from {{ ref('indicator_definitions') }}

),

coverage as (

    select * from {{ ref('int_family_coverage') }}

),

definition_coverage as (

    select
        coverage.la_code,
        definitions.definition_id,
        any_value(definitions.rolling_months) as rolling_months,
        max(coverage.first_month) as first_month,
        min(coverage.last_month) as last_month
    from definitions
    cross join lateral (select unnest(string_split(definitions.source_family, '+')) as family) as needed
    inner join coverage on coverage.source_family = needed.family
    group by coverage.la_code, definitions.definition_id
    having count(*) = any_value(len(string_split(definitions.source_family, '+')))

),

months as (

    select
        definition_coverage.la_code,
        definition_coverage.definition_id,
        cast(m as date) as period_start
    from definition_coverage
    cross join lateral (
        select unnest(generate_series(
            greatest(
                date '{{ var("reporting_start") }}',
                {{ dbt.dateadd('month', 'definition_coverage.rolling_months - 1', 'definition_coverage.first_month') }}
            ),
            definition_coverage.last_month,
            interval 1 month
        )) as m
    )

),

final as (

    select
        la_code,
        definition_id,
        period_start,
        {{ dbt.last_day("period_start", 'month') }} as period_end
    from months

)

select * from final
