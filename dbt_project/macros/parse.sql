{#- Typing rules for raw text, used by every staging model. Raw values arrive exactly as
    they stood in the file (trimmed, empty as null); a value these rules cannot read
    becomes null here, and the quality checks report it (raw not null, staged null). -#}

{#- Dates: YYYY-MM-DD in local extracts, DD/MM/YYYY in SSDA903 files; both accepted
    everywhere (the year's position makes them unambiguous). The year has four digits:
    a two-digit year (22/12/92, 1/4/18) would be read as the year 0092 or 0018, and its
    century is a guess, so it is unreadable (an ERROR finding, "dates readable"). -#}
{% macro parse_date(column) -%}
    case
        when regexp_matches({{ column }}, '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$') then try_strptime({{ column }}, '%Y-%m-%d')
        when regexp_matches({{ column }}, '^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}$') then try_strptime({{ column }}, '%d/%m/%Y')
    end::date
{%- endmacro %}

{#- Flags: Y/N in local extracts, 1/0 in SSDA903 files. -#}
{% macro parse_flag(column) -%}
    case upper({{ column }})
        when 'Y' then true when 'YES' then true when '1' then true when 'TRUE' then true
        when 'N' then false when 'NO' then false when '0' then false when 'FALSE' then false
    end
{%- endmacro %}

{% macro parse_integer(column) -%}
    try_cast({{ column }} as integer)
{%- endmacro %}

{#- Money and FTE: thousands separators and a leading pound sign are tolerated. -#}
{% macro parse_decimal(column) -%}
    try_cast(replace(replace({{ column }}, ',', ''), '£', '') as decimal(18, 4))
{%- endmacro %}

{#- Codes compare upper case (SSDA903) or lower case (local extracts) as the contract
    documents them; only surrounding space is removed. -#}
{% macro parse_code(column) -%}
    nullif({{ column }}, '')
{%- endmacro %}
