-- Every month of each authority's coverage of each extract family (see
-- int_family_coverage): the months for which month-end snapshots are taken.

with

coverage as (

    select * from {{ ref('int_family_coverage') }}

),

final as (

    select
        coverage.la_code,
        coverage.source_family,
        cast(m.month_start as date) as period_start,
        last_day(cast(m.month_start as date)) as period_end
    from coverage
    cross join lateral (
        select unnest(generate_series(coverage.first_month, coverage.last_month, interval 1 month)) as month_start
    ) as m

)

select * from final
