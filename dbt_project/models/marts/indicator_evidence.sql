-- Child-level evidence for every indicator: one row per record in a definition's
-- denominator, in the month it counts in, flagged when it is in the numerator too; only
-- the months behind a reported figure (int_evidence_windows).
-- For rolling definitions a month's figure covers the evidence of the months in its
-- window (see indicator_definitions.rolling_months). numerator_amount and
-- denominator_amount are what the row adds (1 and in_numerator unless the measure is an
-- average or a sum, such as a caseload or weeks of proceedings).
-- subject_id and child_id are pseudonyms (macro pseudonym), hashed once per distinct
-- identifier. The table is built in the next publication's own file (profiles.yml,
-- attachment `publication`), not in the build file: it is by far the largest table, and
-- the publish step renames that file into place instead of copying it.

{{ config(database='publication') }}

with

unioned as (

    -- the evidence columns every int_evidence__ model may give (absent ones are null)
    {{ evidence_columns() }}
    union all by name

    {% set evidence_models = [
        'int_evidence__a1', 'int_evidence__a2', 'int_evidence__a3', 'int_evidence__a4_v1',
        'int_evidence__a4_v2', 'int_evidence__a4_v3', 'int_evidence__a5', 'int_evidence__a6',
        'int_evidence__a7', 'int_evidence__a8', 'int_evidence__operational_case',
        'int_evidence__children_in_care', 'int_evidence__services',
    ] %}
    {% for model in evidence_models %}
    select * from {{ ref(model) }}
    {% if not loop.last %}union all by name{% endif %}
    {% endfor %}

),

definitions as (

    select definition_id, indicator_code from {{ ref('indicator_definitions') }}

),

windows as (

    select * from {{ ref('int_evidence_windows') }}

),

-- computed once, read twice (for the identifiers to hash and for the rows)
in_windows as materialized (

    select unioned.*
    from unioned
    inner join windows
        on windows.la_code = unioned.la_code
        and windows.definition_id = unioned.definition_id
        and unioned.period_start between windows.first_month and windows.last_month

),

pseudonyms as (

    select la_code, identifier, {{ pseudonym('la_code', 'identifier') }} as pseudonym
    from (select distinct la_code, unnest([subject_id, child_id]) as identifier from in_windows)
    where identifier is not null

),

final as (

    select
        evidence.la_code,
        definitions.indicator_code,
        evidence.definition_id,
        evidence.period_start,
        last_day(evidence.period_start) as period_end,
        evidence.subject_type,
        subject.pseudonym as subject_id,
        child.pseudonym as child_id,
        evidence.event_date,
        evidence.cohort,
        evidence.in_numerator,
        coalesce(evidence.numerator_amount, case when evidence.in_numerator then 1 else 0 end)::double
            as numerator_amount,
        coalesce(evidence.denominator_amount, 1)::double as denominator_amount
    from in_windows as evidence
    inner join definitions on definitions.definition_id = evidence.definition_id
    left join pseudonyms as subject
        on subject.la_code = evidence.la_code and subject.identifier = evidence.subject_id
    left join pseudonyms as child
        on child.la_code = evidence.la_code and child.identifier = evidence.child_id

)

select * from final
