-- Care leaver evidence (int_care_leavers): one row per young person per measure, in the
-- month of the birthday. Young people who died, returned home for 6 months or more, whose
-- care was transferred to another authority, or who only had short breaks are left out;
-- those not in touch stay in (and are in no numerator).
--   B11_v1  Year 1 cohort (seed 002:2084-2085): aged 19 (19th birthday in the month) and
--           looked after, other than V3/V4, on 1 April in their 17th year, from the episode
--           history; suitable accommodation in the OC3 record of the 19th birthday
--           (seed 002:2082-2083); no OC3 record: in the denominator only
--   B12_v1  the same cohort (seed 002:2107-2108); in education, employment or training
--           (seed 002:2101-2106)
--   B13_v1  OC3 rows of a 19th, 20th or 21st birthday; suitable accommodation (from Year 2)
--   B14_v1  OC3 rows of a 19th, 20th or 21st birthday; in education, employment or training
--           (from Year 2)
--   OP_B_EET_AVAILABLE  as B14, leaving out those not available for work through illness,
--           disability (G4) or pregnancy or parenting (G6)
-- cohort: the age reached (19, 20, 21).

with

care_leavers as (

    select * from {{ ref('int_care_leavers') }}
    where excluded_reason is null

),

measures as (

    select 'B11_v1' as definition_id, 'year1_cohort' as cohort_source, 19 as min_age, 19 as max_age,
        'accommodation' as outcome
    union all select 'B12_v1', 'year1_cohort', 19, 19, 'eet'
    union all select 'B13_v1', 'oc3', 19, 21, 'accommodation'
    union all select 'B14_v1', 'oc3', 19, 21, 'eet'
    union all select 'OP_B_EET_AVAILABLE', 'oc3', 19, 21, 'eet_available'

),

cohorts as (

    select
        care_leavers.*,
        'year1_cohort' as cohort_source,
        care_leavers.cohort_birthday_month as birthday_month,
        care_leavers.cohort_birthday_date as birthday_date
    from care_leavers
    where care_leavers.in_year1_cohort
    union all
    select
        care_leavers.*,
        'oc3',
        care_leavers.oc3_birthday_month,
        care_leavers.oc3_birthday_date
    from care_leavers
    where care_leavers.in_oc3

),

final as (

    select
        cohorts.la_code,
        measures.definition_id,
        cohorts.birthday_month as period_start,
        'care leaver' as subject_type,
        cohorts.child_id as subject_id,
        cohorts.child_id,
        cohorts.birthday_date as event_date,
        cast(cohorts.age_at_birthday as varchar) as cohort,
        case
            when measures.outcome = 'accommodation' then cohorts.is_suitable_accommodation
            else cohorts.is_eet
        end as in_numerator
    from cohorts
    inner join measures
        on measures.cohort_source = cohorts.cohort_source
        and cohorts.age_at_birthday between measures.min_age and measures.max_age
    where measures.outcome <> 'eet_available' or not cohorts.is_unavailable_for_work

)

select * from final
