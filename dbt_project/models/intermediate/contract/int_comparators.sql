-- The comparators (seed comparators, checked row by row in int_comparator_checks) per
-- definition: a row naming only a code applies to every definition of it. A row with a
-- problem, or two rows giving one definition, group and year a figure, stop the build
-- with a message naming the code, group and year (as int_contract_basket does for the
-- catalogue). marts.indicator_values shows, per group, the latest figure whose year is not
-- after the period's contract year.

with

checks as (

    select * from {{ ref('int_comparator_checks') }}

),

definitions as (

    select definition_id, indicator_code from {{ ref('indicator_definitions') }}

),

resolved as (

    select
        definitions.definition_id,
        checks.indicator_code,
        checks.comparator_group,
        checks.year,
        left(checks.year, 4)::integer as year_start,
        checks.value,
        checks.source,
        checks.illustrative,
        checks.problem
    from checks
    left join definitions
        on definitions.indicator_code = checks.indicator_code
        and (checks.definition_id is null or definitions.definition_id = checks.definition_id)

),

checked as (

    select
        resolved.*,
        case
            when resolved.problem is not null
                then error('comparators: ' || resolved.indicator_code || ' ' || coalesce(resolved.comparator_group, '')
                    || ' ' || coalesce(resolved.year, '') || ': ' || resolved.problem)
            when count(*) over (partition by resolved.definition_id, resolved.comparator_group, resolved.year) > 1
                then error('comparators: two rows give ' || resolved.definition_id || ' a ' || resolved.comparator_group
                    || ' figure for ' || resolved.year)
            else true
        end as is_valid
    from resolved

),

final as (

    select * exclude (is_valid, problem) from checked where is_valid

)

select * from final
