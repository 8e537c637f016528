-- Child-level evidence for every indicator: one row per record in a definition's
-- denominator, in the month it counts in, flagged when it is in the numerator too; only
-- the months behind a reported figure (int_evidence_windows).
-- For rolling definitions a month's figure covers the evidence of the months in its
-- window (see indicator_definitions.rolling_months). numerator_amount and
-- denominator_amount are what the row adds (1 and in_numerator unless the measure is an
-- average or a sum, such as a caseload or weeks of proceedings).
-- subject_id and child_id are pseudonyms (macro pseudonym: children's from
-- int_evidence_pseudonyms, other subjects hashed here). The table is built
-- in the next publication's own file (profiles.yml, attachment `publication`), not in the
-- build file: it is by far the largest table, and the publish step renames that file into
-- place instead of copying it.

{{ config(database='publication') }}

with

evidence as (

    select * from {{ ref('int_evidence') }}

),

definitions as (

    select definition_id, indicator_code from {{ ref('indicator_definitions') }}

),

pseudonyms as (

    select * from {{ ref('int_evidence_pseudonyms') }}

),

final as (

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
    from evidence
    inner join definitions on definitions.definition_id = evidence.definition_id
    left join pseudonyms as child
        on child.la_code = evidence.la_code and child.child_id = evidence.child_id

)

select * from final
