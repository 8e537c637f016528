{#- The SSDA903 collection year a date falls in: the year of the 31 March on or after it
    (1 April 2018 to 31 March 2019 is collection year 2019). The SSD-derived SSDA903 rows
    (models int_ssd_ssda903_*) take the collection year of the return that would hold them
    last: of their end (or event) date, never later than the extract's own year. -#}
{% macro ssda903_collection_year(date_expr) -%}
    (extract(year from {{ date_expr }}) + case when extract(month from {{ date_expr }}) >= 4 then 1 else 0 end)::integer
{%- endmacro %}
