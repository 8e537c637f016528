{#- The SSDA903 collection year a date falls in: the year of the 31 March on or after it
    (1 April 2018 to 31 March 2019 is collection year 2019). The SSD-derived SSDA903 rows
    (models int_ssd_ssda903_*) take the collection year of the return that would hold them
    last: of their end (or event) date, never later than the extract's own year. -#}
{% macro ssda903_collection_year(date_expr) -%}
    (extract(year from {{ date_expr }}) + case when extract(month from {{ date_expr }}) >= 4 then 1 else 0 end)::integer
{%- endmacro %}


{#- The collection year an SSD-derived SSDA903 row belongs to: the year of its date, never
    later than the year of the authority's latest SSD extract (int_ssd_extract_dates), and
    that year when the date is blank. -#}
{% macro ssd_row_collection_year(date_expr, extract_year='extracts.collection_year') -%}
    least(coalesce({{ ssda903_collection_year(date_expr) }}, {{ extract_year }}), {{ extract_year }})
{%- endmacro %}


{#- One birth date per SSD person (the earliest of its rows), for the SSDA903-shaped rows
    that carry the child's DOB. -#}
{% macro ssd_person_birth_dates() -%}
    select la_code, person_id, min(birth_date) as birth_date
    from {{ ref('stg_ssd__person') }}
    group by la_code, person_id
{%- endmacro %}
