-- Seed comparators (the DfE's national, regional, statistical-neighbour and "best"
-- figures a performance officer enters, seed 003:95, 003:99) row by row, with what is
-- wrong with each row: problem is null for a good row. int_comparators stops the build on
-- any problem, so a typing mistake never shows a wrong comparator beside a measure.
--   indicator_code  must be the code of a definition (indicator_definitions)
--   definition_id   blank = every definition of the code, which must then share one unit;
--                   else a definition of that code
--   comparator_group one of var('comparator_groups'), case and spaces as typed
--   year            the year the figure is for, as 2017/18 (1 April to 31 March)
--   value           within the plausible range of the definition's unit (below)
--   source, illustrative  required: every figure says where it comes from and whether
--                   it is a real published figure

with

comparators as (

    select * from {{ ref('comparators') }}

),

definitions as (

    select definition_id, indicator_code, unit from {{ ref('indicator_definitions') }}

),

codes as (

    select indicator_code, count(distinct unit) as units, min(unit) as unit
    from definitions
    group by indicator_code

),

-- plausible values per unit: a percentage 0-100, a rate per 1,000 or 10,000 at most
-- 10,000, a duration at most ten years; money is unbounded
plausible as (

    select * from (values
        ('percent', 0, 100), ('rate', 0, 10000), ('count', 0, null), ('average', 0, 1000),
        ('days', 0, 3650), ('weeks', 0, 520), ('ratio', 0, 1000), ('gbp', null, null)
    ) as p(unit, low, high)

),

typed as (

    select
        trim(comparators.indicator_code) as indicator_code,
        nullif(trim(comparators.definition_id), '') as definition_id,
        trim(comparators.year) as year,
        replace(lower(trim(comparators.comparator_group)), ' ', '_') as comparator_group,
        comparators.value,
        nullif(trim(comparators.source), '') as source,
        comparators.illustrative,
        comparators.note
    from comparators

),

checked as (

    select
        typed.*,
        coalesce(definitions.unit, codes.unit) as unit,
        case
            when codes.indicator_code is null
                then 'unknown indicator code (not in indicator_definitions)'
            when typed.definition_id is not null and definitions.definition_id is null
                then 'definition ' || typed.definition_id || ' is not a definition of ' || typed.indicator_code
            when typed.definition_id is null and codes.units > 1
                then 'the definitions of ' || typed.indicator_code || ' have different units: name the definition_id'
            when typed.comparator_group is null
                or typed.comparator_group not in ('{{ var("comparator_groups") | join("', '") }}')
                then 'comparator group ' || coalesce(typed.comparator_group, '(blank)')
                    || ' is not one of {{ var("comparator_groups") | join(", ") }}'
            when typed.year is null
                or not regexp_matches(typed.year, '^[0-9]{4}/[0-9]{2}$')
                or right(typed.year, 2) <> right((left(typed.year, 4)::integer + 1)::varchar, 2)
                then 'year ' || coalesce(typed.year, '(blank)') || ' is not a year as 2017/18'
            when typed.value is null
                then 'no value'
            when typed.value < plausible.low or typed.value > plausible.high
                then 'value ' || typed.value::double || ' is outside ' || coalesce(plausible.low::varchar, '')
                    || ' to ' || coalesce(plausible.high::varchar, '') || ' for a ' || plausible.unit || ' measure'
            when typed.source is null
                then 'no source'
            when typed.illustrative is null
                then 'illustrative is neither true nor false'
        end as problem
    from typed
    left join codes on codes.indicator_code = typed.indicator_code
    left join definitions
        on definitions.definition_id = typed.definition_id
        and definitions.indicator_code = typed.indicator_code
    left join plausible on plausible.unit = coalesce(definitions.unit, codes.unit)

)

select * from checked
