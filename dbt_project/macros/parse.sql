{#- Typing rules for raw text, used by every staging model. Raw values arrive exactly as
    they stood in the file (trimmed, empty as null); a value these rules cannot read
    becomes null here, and the quality checks report it (raw not null, staged null). -#}

{#- Dates: YYYY-MM-DD in local extracts, DD/MM/YYYY in SSDA903 files; both accepted
    everywhere (the year's position makes them unambiguous). The year has four digits:
    a two-digit year (22/12/92, 1/4/18) would be read as the year 0092 or 0018, and its
    century is a guess, so it is unreadable (an ERROR finding, "dates readable"). -#}
{#- with_time (the SSD, whose columns are SQL Server datetimes): a date may also carry a
    time, with or without seconds and their fraction, and a zone (2018-04-01 13:45:00,
    2018-04-01T13:45:00+01:00, 2018-04-01T13:45:00Z, 01/04/2018 13:45; a time that is not
    one, 25:00, makes the value unreadable). The date is the
    local date as written: the time and the zone are dropped, never converted (an
    authority's system writes its own local time; converting 00:30+01:00 to UTC would move
    the event to the day before). docs/ssd.md. -#}
{% macro parse_date(column, with_time=false) -%}
    {%- set time = "([ T]([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.,][0-9]+)?)?(Z|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)?)?" if with_time else "" -%}
    case
        when regexp_matches({{ column }}, '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}{{ time }}$')
            then try_strptime(regexp_extract({{ column }}, '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}'), '%Y-%m-%d')
        when regexp_matches({{ column }}, '^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}{{ time }}$')
            then try_strptime(regexp_extract({{ column }}, '^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}'), '%d/%m/%Y')
    end::date
{%- endmacro %}

{#- JSON documents (the SSD's *_json columns): null when the text is not JSON (the
    quality check "json readable" reports the rows). -#}
{% macro parse_json(column) -%}
    case when json_valid({{ column }}) then {{ column }}::json end
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
