{#- Small-number suppression, the one place the rule lives: a count from 1 to
    var('suppress_counts_up_to') (5) is hidden, as DfE and Ofsted publications do. 0 is
    shown (it identifies no one). -#}
{% macro is_small_count(column) -%}
    ({{ column }} >= 1 and {{ column }} <= {{ var('suppress_counts_up_to') }})
{%- endmacro %}
