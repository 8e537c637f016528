-- Child-level evidence for every indicator: one row per record in a definition's
-- denominator, in the month it counts in, flagged when it is in the numerator too; only
-- the months behind a reported figure (int_evidence_windows), and of those the
-- contract years CSC_EVIDENCE_YEARS asks for (default 2: the authority's current and
-- previous contract year; 0 = all; macro evidence_published_from). Older evidence is
-- rebuilt on request from the build file (`csc-warehouse evidence --la CODE --from MONTH`);
-- the figures in marts.indicator_values are computed from all of it either way.
-- For rolling definitions a month's figure covers the evidence of the months in its
-- window (see indicator_definitions.rolling_months). numerator_amount and
-- denominator_amount are what the row adds (1 and in_numerator unless the measure is an
-- average or a sum, such as a caseload or weeks of proceedings).
-- subject_id and child_id are pseudonyms (macro pseudonym: children's from
-- int_evidence_pseudonyms, other subjects hashed here; macro indicator_evidence_rows). The
-- table is built in the next publication's own file (profiles.yml, attachment
-- `publication`), not in the build file: it is by far the largest table, and the publish
-- step renames that file into place instead of copying it.

{{ config(database='publication') }}

with

evidence as (

    {{ published_evidence(ref('int_evidence'), ref('int_evidence_windows')) }}

),

definitions as (

    select definition_id, indicator_code from {{ ref('indicator_definitions') }}

),

pseudonyms as (

    select * from {{ ref('int_evidence_pseudonyms') }}

),

final as (

    {{ indicator_evidence_rows('evidence', 'definitions', 'pseudonyms') }}

)

select * from final
