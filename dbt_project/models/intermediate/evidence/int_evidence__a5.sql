-- A5 evidence, two definitions over CP plans starting in the month (a child starting two
-- plans in a month counts twice):
--   A5_v1 (Year 1)      in the numerator when the child had any previous plan, irrespective of time
--   A5_v2 (from Year 2; A9 in 2018/19) when the previous plan ended within 2 years of this start

with

plans as (

    select * from {{ ref('int_cp_plan_history') }}

),

final as (

    select
        la_code,
        definition_id,
        {{ dbt.date_trunc('month', "start_date") }}::date as period_start,
        'CP plan start' as subject_type,
        cp_plan_id as subject_id,
        child_id,
        start_date as event_date,
        case definition_id
            when 'A5_v1' then has_previous_plan
            else has_previous_plan_within_2_years
        end as in_numerator
    from plans
    cross join (values ('A5_v1'), ('A5_v2')) as definitions(definition_id)

)

select * from final
