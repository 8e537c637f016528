{#- A model's contract key is unique within each authority: returns one row per
    (la_code, columns...) value that occurs more than once, with how many rows share it.
    Rows where la_code or any key column is null are not counted (a key that could not be
    read is reported by the not_null tests and the quality checks, not as a duplicate).
    Usage (model level):
        data_tests:
          - unique_key_per_authority:
              arguments:
                columns: [child_id, start_date] -#}
{% test unique_key_per_authority(model, columns) %}

with

keyed as (

    select
        la_code,
        {% for column in columns -%}
        {{ column }},
        {% endfor -%}
        count(*) as duplicate_rows

    from {{ model }}
    where la_code is not null
        {%- for column in columns %}
        and {{ column }} is not null
        {%- endfor %}
    group by all
    having count(*) > 1

)

select * from keyed

{% endtest %}
