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
