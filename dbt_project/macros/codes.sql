{#- Codes outside their lists (issue 16), the one rule: a code column whose contract names a
    list (`codes:` in orchestration/raw_contract.yml) keeps a value of that list (seed
    code_lists; case aside, the value as written) and any other value becomes 'unknown', so
    that no published category is free text or a spreadsheet formula (=cmd|...). Blank stays
    null. The check "codes in their lists" (orchestration/quality_suites.py, kind
    codes_listed) reports the rows, naming the file and column, never the value.
    Staging models call it on the column as staged; a key column that identifies a row
    (the ledger's cost_centre and funding_stream) keeps its value in staging and is passed
    through this macro where it is published (int_evidence__d19). -#}
{% macro listed_code(column, list) -%}
    case
        when nullif({{ column }}, '') is null then null
        when lower({{ column }}) in (
            select lower(code) from {{ ref('code_lists') }} where list = '{{ list }}'
        ) then {{ column }}
        else 'unknown'
    end
{%- endmacro %}
