{#- Typing rules for raw text, used by every staging model. Raw values arrive exactly as
    they stood in the file (trimmed, empty as null); a value these rules cannot read
    becomes null here, and the quality checks report it (raw not null, staged null). -#}

{#- Dates: YYYY-MM-DD in local extracts, DD/MM/YYYY in SSDA903 files; both accepted
    everywhere (the year's position makes them unambiguous). -#}
{% macro parse_date(column) -%}
    coalesce(try_strptime({{ column }}, '%Y-%m-%d'), try_strptime({{ column }}, '%d/%m/%Y'))::date
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
