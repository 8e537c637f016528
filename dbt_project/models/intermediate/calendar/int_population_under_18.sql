-- Under-18 population (ONS mid-year estimate, ages 0-17) per authority and calendar
-- year, used for rates per 10,000 children (see macro population_of_ages).

{{ population_of_ages(0, 17, 'population_under_18') }}
