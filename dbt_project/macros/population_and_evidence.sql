{#- Population of an age band (ONS mid-year estimates, seed-like reference/population.csv)
    per authority and calendar year 2005-2035, as `column_name`. A year without an
    estimate takes the nearest earlier year's, or failing that the nearest later one's. -#}
{% macro population_of_ages(min_age, max_age, column_name) -%}
with

population as (

    select la_code, year, sum(population) as {{ column_name }}
    from {{ ref('stg_reference__population') }}
    where age between {{ min_age }} and {{ max_age }} and year is not null and population is not null
    group by la_code, year

),

years as (

    select la_code, unnest(generate_series(2005, 2035)) as year
    from (select distinct la_code from population)

),

final as (

    select
        years.la_code,
        years.year,
        coalesce(
            (select p.{{ column_name }} from population p
             where p.la_code = years.la_code and p.year <= years.year order by p.year desc limit 1),
            (select p.{{ column_name }} from population p
             where p.la_code = years.la_code and p.year > years.year order by p.year limit 1)
        ) as {{ column_name }}
    from years

)

select * from final
{%- endmacro %}

{#- The union of evidence models, by column name: headed by the evidence columns every
    int_evidence__ model may give (typed, zero rows), so that a column a model lacks is
    null and every column has its type. The amounts are DECIMAL(38, 10), cast in each
    model's own branch: money stays exact (a union with a double would make every amount
    a double), and DuckDB's union of two DECIMAL(38, s) keeps the smaller scale, which
    would round another model's decimals. A double amount (an average, weeks) is rounded
    to 10 decimal places, as the indicator values' exact sum always took it. -#}
{% macro union_evidence(models) -%}
    select
        null::varchar as la_code, null::varchar as definition_id, null::date as period_start,
        null::varchar as subject_type, null::varchar as subject_id, null::varchar as child_id,
        null::date as event_date, null::varchar as cohort, null::boolean as in_numerator,
        null::decimal(38, 10) as numerator_amount, null::decimal(38, 10) as denominator_amount
    where false
    {% for model in models %}
    union all by name
    select * replace (
        numerator_amount::decimal(38, 10) as numerator_amount,
        denominator_amount::decimal(38, 10) as denominator_amount
    )
    from (
        select null::decimal(38, 10) as numerator_amount, null::decimal(38, 10) as denominator_amount
        where false
        union all by name
        select * from {{ ref(model) }}
    )
    {% endfor %}
{%- endmacro %}

{#- One evidence model's rows in the months of int_evidence_windows, with int_evidence's
    columns: what a row adds is 1 and in_numerator unless the measure is an average or a
    sum, DECIMAL(38, 10) as union_evidence gives it, so money is summed exactly. -#}
{% macro evidence_in_windows(model) -%}
    select
        unioned.* replace (
            coalesce(unioned.numerator_amount, case when unioned.in_numerator then 1 else 0 end)::decimal(38, 10)
                as numerator_amount,
            coalesce(unioned.denominator_amount, 1)::decimal(38, 10) as denominator_amount
        )
    from ({{ union_evidence([model]) }}) as unioned
    inner join {{ ref('int_evidence_windows') }} as windows
        on windows.la_code = unioned.la_code
        and windows.definition_id = unioned.definition_id
        and unioned.period_start between windows.first_month and windows.last_month
{%- endmacro %}
