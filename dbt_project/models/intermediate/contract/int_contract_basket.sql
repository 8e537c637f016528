-- The contract's baskets as effective-dated rows (seed indicator_catalogue): which code,
-- definition, target and tolerance applied in each month. A basket changes in the month
-- the papers say (the Year 2 set from January 2016, seed 002:1409 and 002:1526), not only
-- on 1 April. Rules are parsed once here (macros parse_threshold, meets_threshold); a
-- rule that does not parse, a definition that does not exist, or two rows of one code in
-- force in the same month stop the build with a message naming the code: a performance
-- officer's typing mistake must never turn into a silent NO TARGET SET.

with

catalogue as (

    select * from {{ ref('indicator_catalogue') }}

),

definitions as (

    select definition_id, polarity from {{ ref('indicator_definitions') }}

),

parsed as (

    select
        row_number() over (order by catalogue.effective_from, catalogue.indicator_code) as catalogue_row,
        catalogue.basket,
        catalogue.effective_from,
        coalesce(catalogue.effective_to, date '9999-12-31') as effective_to,
        catalogue.indicator_code,
        nullif(catalogue.definition_id, '') as definition_id,
        catalogue.area,
        catalogue.frequency,
        nullif(trim(catalogue.target_rule), '') as target_rule,
        nullif(trim(catalogue.tolerance_rule), '') as tolerance_rule,
        {{ parse_threshold('catalogue.target_rule', 'target') }},
        {{ parse_threshold('catalogue.tolerance_rule', 'tolerance') }},
        catalogue.target_note,
        catalogue.definition_source,
        catalogue.target_source
    from catalogue

),

checked as (

    select
        parsed.*,
        case
            when parsed.effective_to < parsed.effective_from
                then error('indicator_catalogue: ' || parsed.indicator_code || ' (' || parsed.basket || ') ends before it starts')
            when parsed.definition_id is not null and definitions.definition_id is null
                then error('indicator_catalogue: ' || parsed.indicator_code || ' (' || parsed.basket
                    || ') names a definition that does not exist: ' || parsed.definition_id)
            when exists (
                select 1 from parsed as other
                where other.indicator_code = parsed.indicator_code
                    and other.catalogue_row <> parsed.catalogue_row
                    and other.effective_from <= parsed.effective_to
                    and other.effective_to >= parsed.effective_from
            )
                then error('indicator_catalogue: two rows of ' || parsed.indicator_code || ' are in force in the same month')
            else true
        end as is_valid
    from parsed
    left join definitions on definitions.definition_id = parsed.definition_id

),

final as (

    select * exclude (is_valid, catalogue_row) from checked where is_valid

)

select * from final
