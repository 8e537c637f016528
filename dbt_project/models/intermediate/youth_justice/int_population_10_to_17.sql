-- Population aged 10 to 17 (ONS mid-year estimate) per authority and calendar year, for
-- the custody rate per 1,000 (F03) (see macro population_of_ages).

{{ population_of_ages(10, 17, 'population_10_to_17') }}
