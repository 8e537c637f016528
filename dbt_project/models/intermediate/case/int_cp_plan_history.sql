-- Child protection plans with each child's plan history.
--   has_previous_plan                 an earlier plan in the data, or number_of_previous_cpp > 0
--                                     (plans before the case system's records), irrespective of time
--   has_previous_plan_within_2_years  the previous plan (in the data) ended on or after the same
--                                     calendar date two years before this plan started
--   days_on_plan_at_end               days from start to end counting the day of cessation
--                                     (end_date - start_date + 1); null while open

with

plans as (

    select * from {{ ref('int_case__cp_plans') }}
    where start_date is not null

),

sequenced as (

    select
        la_code,
        cp_plan_id,
        child_id,
        start_date,
        end_date,
        number_of_previous_cpp,
        lag(coalesce(end_date, start_date)) over by_child as previous_plan_end_date,
        row_number() over by_child - 1 as previous_plans_in_data
    from plans
    window by_child as (partition by la_code, child_id order by start_date, cp_plan_id)

),

final as (

    select
        *,
        previous_plans_in_data > 0 or coalesce(number_of_previous_cpp, 0) > 0 as has_previous_plan,
        coalesce(previous_plan_end_date >= {{ dbt.dateadd('year', -2, 'start_date') }}, false) as has_previous_plan_within_2_years,
        case when end_date is not null then end_date - start_date + 1 end as days_on_plan_at_end
    from sequenced

)

select * from final
