-- Care leaver evidence (int_care_leavers): one row per young person per measure, in the
-- month of the birthday the OC3 row reports on. Young people who died, returned home for 6
-- months or more, whose care was transferred to another authority, or who only had short
-- breaks are left out; those not in touch stay in (and are in no numerator).
--   B11_v1  19th birthday; suitable accommodation (Year 1)
--   B12_v1  19th birthday; in education, employment or training (Year 1)
--   B13_v1  19th, 20th or 21st birthday; suitable accommodation (from Year 2)
--   B14_v1  19th, 20th or 21st birthday; in education, employment or training (from Year 2)
--   OP_B_EET_AVAILABLE  as B14, leaving out those not available for work through illness,
--           disability (G4) or pregnancy or parenting (G6)
-- cohort: the age reached (19, 20, 21).

with

care_leavers as (

    select * from {{ ref('int_care_leavers') }}
    where excluded_reason is null

),

measures as (

    select 'B11_v1' as definition_id, 19 as min_age, 19 as max_age, 'accommodation' as outcome
    union all select 'B12_v1', 19, 19, 'eet'
    union all select 'B13_v1', 19, 21, 'accommodation'
    union all select 'B14_v1', 19, 21, 'eet'
    union all select 'OP_B_EET_AVAILABLE', 19, 21, 'eet_available'

),

final as (

    select
        care_leavers.la_code,
        measures.definition_id,
        care_leavers.birthday_month as period_start,
        'care leaver' as subject_type,
        care_leavers.child_id as subject_id,
        care_leavers.child_id,
        care_leavers.birthday_date as event_date,
        cast(care_leavers.age_at_birthday as varchar) as cohort,
        case
            when measures.outcome = 'accommodation' then care_leavers.is_suitable_accommodation
            else care_leavers.is_eet
        end as in_numerator
    from care_leavers
    inner join measures
        on care_leavers.age_at_birthday between measures.min_age and measures.max_age
    where measures.outcome <> 'eet_available' or not care_leavers.is_unavailable_for_work

)

select * from final
