-- Every month of each authority's coverage of each extract family (see
-- int_family_coverage) from the first month whose evidence a reported figure needs
-- (int_evidence_windows): the months for which month-end snapshots are taken. Case
-- records reach back decades; snapshots of months no figure uses were most of the work.

with

coverage as (

    select * from {{ ref('int_family_coverage') }}

),

evidence_start as (

    select la_code, min(first_month) as first_month
    from {{ ref('int_evidence_windows') }}
    group by la_code

),

final as (

    select
        coverage.la_code,
        coverage.source_family,
        cast(m.month_start as date) as period_start,
        {{ dbt.last_day("cast(m.month_start as date)", 'month') }} as period_end
    from coverage
    left join evidence_start on evidence_start.la_code = coverage.la_code
    cross join lateral (
        select unnest(generate_series(
            greatest(coverage.first_month, coalesce(evidence_start.first_month, coverage.first_month)),
            coverage.last_month,
            interval 1 month
        )) as month_start
    ) as m

)

select * from final
