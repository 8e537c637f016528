{#- SSDA903 collection years combined, as the contract says: for each key of an
    authority the rows of the latest collection year that has it win. Rows with no usable
    key (blank, or a key date that cannot be read) are all kept, never silently dropped;
    duplicates within one year are kept too (the quality check "keys unique" reports them).
    `keys`: the key expressions after la_code, e.g. ['"CHILD"', parse_date('"REVIEW"')].
    (Episodes have a rule of their own: stg_ssda903__episodes.) -#}
{% macro latest_collection_year(relation, keys) -%}
    select *
    from {{ relation }}
    qualify
        {%- for key in keys %}
        nullif({{ key }}::varchar, '') is null or
        {%- endfor %}
        collection_year = max(collection_year) over (
            partition by la_code{% for key in keys %}, {{ key }}{% endfor %}
        )
{%- endmacro %}
