{#- Tables and views replaced in one statement (`create or replace`), inside the model's
    transaction, instead of dbt-duckdb's build-beside-and-swap: create `x__dbt_tmp`,
    rename `x` to `x__dbt_backup`, rename the new one into place, drop the backup, with
    index and foreign-key lookups around them. DuckDB replaces a relation atomically in
    its transaction, so readers see the old relation or the new one, as with the swap.
    The swap was about a quarter of dbt's work at one authority, where the models' SQL
    takes milliseconds: dbt's execution 10.9-11.5 s before, 7.4-8.4 s after, and the
    whole run about 1.5 s shorter; at ten authorities no difference was measurable, as
    one node's Python overlaps the other thread's queries (benchmarks/RESULTS.md,
    "4 December 2026, night").

    Only what this project uses is kept: SQL models, pre- and post-hooks (int_evidence
    inserts its parts in post-hooks, before the commit) and persist_docs (the marts'
    comments). A model with a contract, grants, indexes, partitioning or a Python body
    stops with an error rather than being built without them. A relation of the other
    kind under the same name (a model turned from a view into a table) is dropped first,
    in the same transaction, and so is a `__dbt_tmp` or `__dbt_backup` relation left by
    the swap of a run that stopped half way, which publication would otherwise copy. -#}

{% macro csc_replace_relation(kind) %}
    {%- if model['language'] != 'sql' or config.get('contract').enforced
            or config.get('grants') or config.get('indexes')
            or config.get('partitioned_by') or config.get('sorted_by')
            or config.get('partition_by') or config.get('sort_by') -%}
        {{ exceptions.raise_compiler_error(
            model['name'] ~ ": this project's " ~ kind ~ " materialization (macros/materializations.sql) "
            ~ "builds SQL models with hooks and docs only; a contract, grants, indexes, partitioning "
            ~ "or a Python model needs dbt-duckdb's own materialization back") }}
    {%- endif -%}
    {%- set existing = load_cached_relation(this) -%}
    {%- set target = this.incorporate(type=kind) -%}
    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}
    {#- the drops below would otherwise each commit on their own (dbt-duckdb drops with
        auto_begin off): a model that fails after them is rolled back with them -#}
    {% do adapter.ensure_transaction() %}
    {%- if existing is not none and existing.type != kind %}
        {{ adapter.drop_relation(existing) }}
    {%- endif %}
    {%- for leftover in [make_intermediate_relation(target), make_backup_relation(target, kind)] %}
        {%- set found = load_cached_relation(leftover) %}
        {%- if found is not none %}
            {{ adapter.drop_relation(found) }}
        {%- endif %}
    {%- endfor %}
    {% call statement('main') -%}
        {%- set sql_header = config.get('sql_header', none) -%}
        {{ sql_header if sql_header is not none }}
        create or replace {{ kind }} {{ target }} as (
            {{ compiled_code }}
        );
    {%- endcall %}
    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {% do persist_docs(target, model) %}
    {{ adapter.commit() }}
    {{ run_hooks(post_hooks, inside_transaction=False) }}
    {{ return({'relations': [target]}) }}
{% endmacro %}

{% materialization table, adapter='duckdb' %}
    {{ return(csc_replace_relation('table')) }}
{% endmaterialization %}

{% materialization view, adapter='duckdb' %}
    {{ return(csc_replace_relation('view')) }}
{% endmaterialization %}
