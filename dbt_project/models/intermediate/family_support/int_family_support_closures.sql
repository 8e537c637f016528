-- Family support interventions that closed: one row per intervention with an end date on
-- or after its start, with its length in days (end date minus start date: one closed the
-- day it opened lasted 0 days) and whether its outcome on closure was improved.

with

interventions as (

    select * from {{ ref('stg_family_support__interventions') }}
    where start_date is not null and end_date is not null and end_date >= start_date

),

final as (

    select
        la_code,
        intervention_id,
        family_id,
        start_date,
        end_date,
        {{ dbt.date_trunc('month', "end_date") }}::date as period_start,
        end_date - start_date as length_days,
        lower(outcome_on_closure) as outcome_on_closure,
        coalesce(lower(outcome_on_closure) = 'improved', false) as is_improved,
        lower(closure_reason) as closure_reason
    from interventions

)

select * from final
