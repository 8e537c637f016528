-- How each indicator definition is computed: one row per definition (a code whose
-- meaning changed between contract years has one row per meaning). The rows live in
-- seeds a performance officer can edit, one per area: indicator_definitions__pathway,
-- __children_in_care and __services (workforce, finance, youth justice, family support).

with

unioned as (

    select * from {{ ref('indicator_definitions__pathway') }}
    union all by name
    select * from {{ ref('indicator_definitions__children_in_care') }}
    union all by name
    select * from {{ ref('indicator_definitions__services') }}

),

final as (

    select
        definition_id,
        indicator_code,
        name,
        unit,
        polarity,
        source_family,
        rolling_months::integer as rolling_months,
        quarter_rule,
        value_multiplier::double as value_multiplier,
        denominator_source,
        coalesce(evidence_of, '') as evidence_of,
        numerator,
        denominator
    from unioned

)

select * from final
