-- The pseudonym of every source identifier in the evidence (subject_id, child_id), per
-- authority, hashed once each (macro pseudonym). Private to the build file, like the
-- identifiers themselves; marts.indicator_evidence takes its pseudonyms from here.

{{ config(materialized='table') }}

with

identifiers as (

    select distinct la_code, unnest([subject_id, child_id]) as identifier
    from {{ ref('int_evidence') }}

),

final as (

    select la_code, identifier, {{ pseudonym('la_code', 'identifier') }} as pseudonym
    from identifiers
    where identifier is not null

)

select * from final
