{#- The pseudonym of a source identifier in the published warehouse: HMAC-SHA256, keyed by
    CSC_HMAC_KEY, of "<la_code>\x1f<identifier>" (UTF-8), its first 20 hex characters:
    H(K xor opad || H(K xor ipad || message)) (RFC 2104). The pads come from the dbt-duckdb
    plugin orchestration/dbt_plugin.py as DuckDB variables, so the key is in no SQL text;
    without them the build stops rather than publish identifiers unprotected. The same
    child keeps the same pseudonym night after night; without the key nobody can tell
    which child it is, nor test a guessed identifier. -#}
{% macro pseudonym(la_code, identifier) -%}
    left(sha256(
        coalesce(getvariable('csc_hmac_opad'), error('CSC_HMAC_KEY is not set: evidence is not built unprotected')::blob)
        || unhex(sha256(
            coalesce(getvariable('csc_hmac_ipad'), error('CSC_HMAC_KEY is not set: evidence is not built unprotected')::blob)
            || encode({{ la_code }} || chr(31) || {{ identifier }})
        ))
    ), 20)
{%- endmacro %}
