{#- The contract's calendar and thresholds.

  Targets and tolerances are written in seed indicator_catalogue as rules a performance
  officer reads as printed in the papers: ">= 92", "> 0", "<= 24", "< 5" or
  "between 5 and 20" (both ends included). parse_threshold turns a rule column into its
  operator and bounds (columns <name>_op, <name>_low, <name>_high); meets_threshold tests
  a value against them. These two macros are the only place the grammar lives.
-#}

{% macro parse_threshold(column, name) -%}
    case
        when nullif(trim({{ column }}), '') is null then null
        when regexp_matches({{ column }}, '^\s*between\s+-?[0-9]+(\.[0-9]+)?\s+and\s+-?[0-9]+(\.[0-9]+)?\s*$', 'i') then 'between'
        when regexp_matches({{ column }}, '^\s*(>=|>|<=|<)\s*-?[0-9]+(\.[0-9]+)?\s*$')
            then regexp_extract({{ column }}, '^\s*(>=|>|<=|<)', 1)
        else error('indicator_catalogue: a target or tolerance rule is not one of ">= x", "> x", "<= x", "< x", "between x and y": ' || {{ column }})
    end as {{ name }}_op,
    case
        when nullif(trim({{ column }}), '') is null then null
        else regexp_extract({{ column }}, '(-?[0-9]+(\.[0-9]+)?)', 1)::decimal(18, 4)
    end as {{ name }}_low,
    case
        when regexp_matches({{ column }}, '^\s*between', 'i')
            then regexp_extract({{ column }}, 'and\s+(-?[0-9]+(\.[0-9]+)?)', 1)::decimal(18, 4)
    end as {{ name }}_high
{%- endmacro %}

{% macro meets_threshold(prefix, value) -%}
    case {{ prefix }}_op
        when '>=' then {{ value }} >= {{ prefix }}_low
        when '>' then {{ value }} > {{ prefix }}_low
        when '<=' then {{ value }} <= {{ prefix }}_low
        when '<' then {{ value }} < {{ prefix }}_low
        when 'between' then {{ value }} between {{ prefix }}_low and {{ prefix }}_high
    end
{%- endmacro %}

{#- The contract year (1 April to 31 March) a date falls in, as printed: 2018/19. -#}
{% macro contract_year(day) -%}
    case
        when month({{ day }}) >= 4
            then year({{ day }}) || '/' || right((year({{ day }}) + 1)::varchar, 2)
        else (year({{ day }}) - 1) || '/' || right(year({{ day }})::varchar, 2)
    end
{%- endmacro %}
