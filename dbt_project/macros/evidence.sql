{#- The published child-level evidence (marts.indicator_evidence) and the evidence rebuilt
    on request (`csc-warehouse evidence`): one definition of its rows, so both are alike.

    CSC_EVIDENCE_YEARS (orchestration/settings.py; the dbt-duckdb plugin hands it to dbt as
    the DuckDB variable csc_evidence_years, so it is in no SQL text and no parse depends on
    it) is how many contract years of evidence are published: the contract year of the
    authority's latest reported month and the years before it; 0 publishes every month
    behind a reported figure. Only the published evidence is limited: the figures
    (int_indicator_values) are computed from all of int_evidence, so they do not change. -#}

{% macro evidence_years() -%}
    coalesce(getvariable('csc_evidence_years'),
             error('CSC_EVIDENCE_YEARS was not handed to dbt (orchestration/dbt_plugin.py)'))::integer
{%- endmacro %}

{#- The first month of evidence published per authority (null: every month), from
    int_evidence_windows: 1 April of the contract year (evidence_years() - 1) years before
    the one holding the authority's latest reported month. -#}
{% macro evidence_published_from(windows) -%}
    select
        la_code,
        case when {{ evidence_years() }} > 0 then make_date(
            (year(max(last_month)) - case when month(max(last_month)) < 4 then 1 else 0 end)
                - ({{ evidence_years() }} - 1),
            4, 1)
        end as first_month
    from {{ windows }}
    group by la_code
{%- endmacro %}

{#- The evidence rows of the published months: int_evidence less the months before
    evidence_published_from. -#}
{% macro published_evidence(evidence, windows) -%}
    select evidence.*
    from {{ evidence }} as evidence
    inner join ({{ evidence_published_from(windows) }}) as published_from
        on published_from.la_code = evidence.la_code
    where published_from.first_month is null or evidence.period_start >= published_from.first_month
{%- endmacro %}

{#- The pseudonym of every child in an evidence relation, per authority, hashed once each. -#}
{% macro child_pseudonyms(evidence) -%}
    select la_code, child_id, {{ pseudonym('la_code', 'child_id') }} as pseudonym
    from (select distinct la_code, child_id from {{ evidence }} where child_id is not null)
{%- endmacro %}

{#- The published evidence's columns from evidence rows (int_evidence's columns), the
    definitions (definition_id, indicator_code) and the children's pseudonyms. -#}
{% macro indicator_evidence_rows(evidence, definitions, pseudonyms) -%}
    select
        evidence.la_code,
        definitions.indicator_code,
        evidence.definition_id,
        evidence.period_start,
        {{ dbt.last_day("evidence.period_start", 'month') }} as period_end,
        evidence.subject_type,
        case
            when evidence.subject_id = evidence.child_id then child.pseudonym
            else {{ pseudonym('evidence.la_code', 'evidence.subject_id') }}
        end as subject_id,
        child.pseudonym as child_id,
        evidence.event_date,
        evidence.cohort,
        evidence.in_numerator,
        evidence.numerator_amount,
        evidence.denominator_amount
    from {{ evidence }} as evidence
    inner join {{ definitions }} as definitions on definitions.definition_id = evidence.definition_id
    left join {{ pseudonyms }} as child
        on child.la_code = evidence.la_code and child.child_id = evidence.child_id
{%- endmacro %}

{#- `csc-warehouse evidence --la CODE --from MONTH` (dbt run-operation): the evidence of one
    authority from a month on, as published, into publication.main.indicator_evidence (the
    command points the `publication` attachment at the analyst's new file). la_code and
    from_month are checked by the command (authority pattern, YYYY-MM-01). -#}
{% macro evidence_on_request(la_code, from_month) %}
    {% set sql %}
        create or replace table publication.main.indicator_evidence as
        with
        evidence as (
            select * from {{ ref('int_evidence') }}
            where la_code = '{{ la_code }}' and period_start >= date '{{ from_month }}'
        ),
        definitions as (select definition_id, indicator_code from {{ ref('indicator_definitions') }}),
        pseudonyms as ({{ child_pseudonyms('evidence') }}),
        final as ({{ indicator_evidence_rows('evidence', 'definitions', 'pseudonyms') }})
        select * from final order by definition_id, period_start
    {% endset %}
    {% do run_query(sql) %}
    {% set n = run_query('select count(*) from publication.main.indicator_evidence').columns[0].values()[0] %}
    {% do log('evidence rows written: ' ~ n, info=True) %}
{% endmacro %}
