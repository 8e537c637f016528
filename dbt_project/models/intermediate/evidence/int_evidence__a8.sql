-- A8 evidence: children in need at month end whose referral has been assessed (children
-- still being assessed have no plan yet); in the numerator when they have an open CIN plan,
-- CP plan or are looked after (the care plan).

with

cin as (

    select * from {{ ref('int_children_in_need_at_month_end') }}
    where is_assessed

),

plans as (

    select * from {{ ref('int_open_plans_at_month_end') }}

),

final as (

    select
        cin.la_code,
        'A8_v1' as definition_id,
        cin.period_start,
        'child in need' as subject_type,
        cin.child_id as subject_id,
        cin.child_id,
        cin.referral_date as event_date,
        plans.child_id is not null as in_numerator
    from cin
    left join plans using (la_code, period_start, child_id)

)

select * from final
