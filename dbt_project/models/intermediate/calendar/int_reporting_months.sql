-- Every (authority, indicator definition, month) an indicator value is reported for:
-- months from the reporting start (var reporting_start) inside the coverage of the
-- family the definition needs, and late enough that a rolling window lies wholly
-- inside that coverage.

with

definitions as (

    select * from {{ ref('indicator_definitions') }}

),

coverage as (

    select * from {{ ref('int_family_coverage') }}

),

months as (

    select
        coverage.la_code,
        definitions.definition_id,
        cast(m as date) as period_start
    from coverage
    inner join definitions on definitions.source_family = coverage.source_family
    cross join lateral (
        select unnest(generate_series(
            greatest(
                date '{{ var("reporting_start") }}',
                coverage.first_month + to_months(definitions.rolling_months - 1)
            ),
            coverage.last_month,
            interval 1 month
        )) as m
    )

),

final as (

    select
        la_code,
        definition_id,
        period_start,
        last_day(period_start) as period_end
    from months

)

select * from final
