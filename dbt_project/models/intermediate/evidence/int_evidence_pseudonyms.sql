-- The pseudonym of every child in the published evidence (the months CSC_EVIDENCE_YEARS
-- keeps, macro published_evidence), per authority, hashed once each (macro pseudonym): a
-- child is counted month after month and in many measures, so hashing each once and
-- joining beats hashing every row. Other subjects (a contact, a visit, a worker) are
-- hashed where they stand, in marts.indicator_evidence: most occur once, and a map of
-- every identifier cost a hash table too big to join twice at a national scale. Private
-- to the build file, like the identifiers themselves.

{{ config(materialized='table') }}

with

published as (

    {{ published_evidence(ref('int_evidence'), ref('int_evidence_windows')) }}

),

final as (

    {{ child_pseudonyms('published') }}

)

select * from final
