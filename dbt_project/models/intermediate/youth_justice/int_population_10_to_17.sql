-- Population aged 10 to 17 (ONS mid-year estimate) per authority and calendar year, for
-- the custody rate per 1,000 (F03). As int_population_under_18: a year without an
-- estimate takes the nearest earlier year's, or failing that the nearest later one's.

with

population as (

    select la_code, year, sum(population) as population_10_to_17
    from {{ ref('stg_reference__population') }}
    where age between 10 and 17 and year is not null and population is not null
    group by la_code, year

),

years as (

    select la_code, unnest(generate_series(2005, 2035)) as year
    from (select distinct la_code from population)

),

final as (

    select
        years.la_code,
        years.year,
        coalesce(
            (select p.population_10_to_17 from population p
             where p.la_code = years.la_code and p.year <= years.year order by p.year desc limit 1),
            (select p.population_10_to_17 from population p
             where p.la_code = years.la_code and p.year > years.year order by p.year limit 1)
        ) as population_10_to_17
    from years

)

select * from final
