{#- The care ladder category (seed placement_category_map) of a placement: the
    lowest-priority map row without reason_ceased whose place and place_provider patterns
    match PLACE and PLACE_PROVIDER; 'unmapped' when none does. The matching rule of
    int_care_ladder_spells, for one placement (OP_B9_IN_HOUSE_FOSTER / OP_B9_IFA,
    OP_IN_HOUSE_RES_OCCUPANCY). -#}
{% macro care_ladder_category(place, provider) -%}
    coalesce((
        select category_map.placement_category
        from {{ ref('placement_category_map') }} as category_map
        where category_map.reason_ceased is null
            and coalesce({{ place }}, '') like upper(category_map.place)
            and coalesce({{ provider }}, '') like upper(category_map.place_provider)
        order by category_map.priority
        limit 1
    ), 'unmapped')
{%- endmacro %}
