{#- The months at whose end a record is open, as the first day of each (a timestamp: cast
    it), within [first_month, last_month] (the coverage's first days of months). Open at a
    month end: started on or before it and not ended by it: a record ending on the last
    day of the month has ended, unless open_on_end_day (an end on the month end is open).
    Generating each record's months costs the size of the result; joining every record to
    every month and filtering cost records x months, and a query planner free to reorder
    such a range join can multiply it further. A record with no start is never open. -#}
{% macro month_starts_open(start_date, end_date, first_month, last_month, open_on_end_day=false) -%}
    unnest(generate_series(
        case when {{ start_date }} is not null then greatest({{ dbt.date_trunc('month', start_date) }}, {{ first_month }}) end,
        least(
            coalesce(
                {{ dbt.dateadd('month', -1, dbt.date_trunc('month', end_date ~ (' + 1' if open_on_end_day else ''))) }},
                {{ last_month }}
            ),
            {{ last_month }}
        ),
        interval 1 month
    ))
{%- endmacro %}


{#- The "open at month end" rule, written once; every *_at_month_end model uses it (or
    month_starts_open above, which applies the same rule to a record's months).
    A record is open at `day` when it started on or before the day and has not ended by
    it. What an end date on the day itself means depends on the source, and is chosen per
    model with open_on_end_day:
      false  the end date is the day the record closed (a CP or CIN plan, a referral's
             closure, an allocation, an SSDA903 episode's DEC): it is no longer open that
             evening, so a plan ending on 31 March is not open at the March month end
             (as the CIN census counts plans open at 31 March);
      true   the end date is the last day in force (a staff record's last day of
             employment, a funded post's last day): a worker whose last day is 31 March
             is in post at the March month end (as the CSWW census counts staff in post
             on 30 September, their last day included).
    A record with no start is never open; no end date means still open. -#}
{% macro open_at(start_date, end_date, day, open_on_end_day=false) -%}
    ({{ start_date }} <= {{ day }} and ({{ end_date }} is null or {{ end_date }} {{ '>=' if open_on_end_day else '>' }} {{ day }}))
{%- endmacro %}


{#- The first and last month of each authority's coverage of one source family
    (int_coverage_months): the bounds month_starts_open generates a record's months in. -#}
{% macro coverage_bounds(source_family) -%}
    select la_code, min(period_start) as first_month, max(period_start) as last_month
    from {{ ref('int_coverage_months') }}
    where source_family = '{{ source_family }}'
    group by la_code
{%- endmacro %}


{#- Join each row of `alias` to its months open at the month end within its authority's
    coverage: the CTE `coverage` (macro coverage_bounds) joined on la_code, and a lateral
    month_starts_open over the row's dates, named `as_name`, column month_start. -#}
{% macro join_months_open(alias, start_column, end_column, as_name, open_on_end_day=false) -%}
    inner join coverage on coverage.la_code = {{ alias }}.la_code
    cross join lateral (
        select {{ month_starts_open(alias ~ '.' ~ start_column, alias ~ '.' ~ end_column,
                                    'coverage.first_month', 'coverage.last_month', open_on_end_day) }} as month_start
    ) as {{ as_name }}
{%- endmacro %}
