-- F03 evidence: custody rate per 1,000 of the 10-17 population, rolling 12 months.
--   numerator    custodial sentences in the month of young people aged 10 to 17 on the
--                sentence date (unknown birth date: counted), one row per sentence
--   denominator  one row per month of the youth justice coverage carrying a twelfth of the
--                10-17 population of the month's calendar year, so that the 12 months of a
--                rolling window add up to the average population over the window (the
--                value machinery's own population denominator is for under-18s only)

with

sentences as (

    select * from {{ ref('stg_youth_justice__yjs_disposals') }}
    where disposal_date is not null
        and lower(disposal_type) = 'custodial_sentence'
        and (
            birth_date is null
            or ({{ dbt.dateadd('year', 10, 'birth_date') }}::date <= disposal_date
                and {{ dbt.dateadd('year', 18, 'birth_date') }}::date > disposal_date)
        )

),

months as (

    select * from {{ ref('int_coverage_months') }}
    where source_family = 'youth_justice'

),

population as (

    select * from {{ ref('int_population_10_to_17') }}

),

final as (

    select
        la_code,
        'F03_v1' as definition_id,
        {{ dbt.date_trunc('month', "disposal_date") }}::date as period_start,
        'custodial sentence' as subject_type,
        disposal_id as subject_id,
        null::varchar as child_id,
        disposal_date as event_date,
        null::varchar as cohort,
        true as in_numerator,
        1::double as numerator_amount,
        0::double as denominator_amount
    from sentences

    union all

    select
        months.la_code,
        'F03_v1',
        months.period_start,
        'population aged 10-17',
        year(months.period_start)::varchar,
        null,
        null,
        null,
        false,
        0,
        population.population_10_to_17 / 12.0
    from months
    inner join population
        on population.la_code = months.la_code and population.year = year(months.period_start)

)

select * from final
