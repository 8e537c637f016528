-- The pseudonym of every child in the evidence, per authority, hashed once each (macro
-- pseudonym): a child is counted month after month and in many measures, so hashing each
-- once and joining beats hashing every row. Other subjects (a contact, a visit, a worker)
-- are hashed where they stand, in marts.indicator_evidence: most occur once, and a map of
-- every identifier cost a hash table too big to join twice at a national scale. Private
-- to the build file, like the identifiers themselves.

{{ config(materialized='table') }}

with

children as (

    select distinct la_code, child_id
    from {{ ref('int_evidence') }}
    where child_id is not null

),

final as (

    select la_code, child_id, {{ pseudonym('la_code', 'child_id') }} as pseudonym
    from children

)

select * from final
