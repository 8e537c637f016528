-- Every evidence row behind a reported figure, with source identifiers: the rows of the
-- int_evidence__ models (views), in the months of int_evidence_windows. A table of the
-- private build file, read by int_evidence_pseudonyms, int_indicator_values and
-- marts.indicator_evidence: computed in the same query as the pseudonyms' join, the
-- evidence models' own joins and that join ran out of memory at 150 authorities (6 GB).
--
-- Built a part at a time: the table from the first evidence model, then one insert per
-- other model (post-hooks, inside the model's transaction, before it commits). As one
-- query (the union of all fourteen) DuckDB ran out of its 6 GB at 150 authorities, alone,
-- after 122 s (3 December 2026), while each part built by itself within the limit; in
-- parts the table built in 167 s (219.7M rows). The rows are the same either way.

{%- set parts = [
    'int_evidence__a1', 'int_evidence__a2', 'int_evidence__a3', 'int_evidence__a4_v1',
    'int_evidence__a4_v2', 'int_evidence__a4_v3', 'int_evidence__a5', 'int_evidence__a6',
    'int_evidence__a7', 'int_evidence__a8', 'int_evidence__operational_case',
    'int_evidence__children_in_care', 'int_evidence__services', 'int_evidence__op_cp_ceased',
] %}
{%- set inserts = [] %}
{%- for part in parts[1:] %}
    {%- do inserts.append("insert into {{ this }} by name {{ evidence_in_windows('" ~ part ~ "') }}") %}
{%- endfor %}

{{ config(materialized='table', post_hook=inserts) }}

{% for part in parts[1:] -%}
-- depends_on: {{ ref(part) }}
{% endfor %}

{{ evidence_in_windows(parts[0]) }}
