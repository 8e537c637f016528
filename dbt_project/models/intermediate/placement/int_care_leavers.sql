-- Care leavers on their 19th, 20th and 21st birthdays (B11-B14 and the EET rate of young
-- people available for work): one row per OC3 row kept by int_ssda903_care_leaver_checks
-- whose birthday in its collection year is the 19th, 20th or 21st. The month of the
-- birthday is the month the young person counts in. What the OC3 row records is taken as
-- the situation "on or nearest the birthday" (the return's own rule: 3 months before to 1
-- month after).
--   excluded_reason   why the young person is left out of the denominators:
--                       died               IN_TOUCH DIED
--                       returned home      IN_TOUCH RHOM (home for 6 months or more)
--                       transferred        the young person's last episode of care ended
--                                          with REC E3 (care taken over by another authority)
--                       short breaks only  every episode in the data is LS V3/V4
--                     young people not in touch (NO, REFU) or no longer requiring services
--                     (NREQ) stay in the denominator
--   is_suitable_accommodation  ACCOM is a code of the year ending in 1 (seed category suitable)
--   is_eet                     ACTIV F1, P1, F2, P2, F4, P4, F5, P5 (seed category eet)
--   is_unavailable_for_work    ACTIV G4 (illness or disability) or G6 (pregnancy or parenting)

with

care_leavers as (

    select * from {{ ref('int_ssda903_care_leaver_checks') }}
    where not is_excluded and age_at_birthday between 19 and 21

),

episodes as (

    select * from {{ ref('int_care_periods') }}

),

last_episode as (

    select la_code, child_id, reason_ceased_category
    from episodes
    qualify row_number() over (partition by la_code, child_id order by start_date desc) = 1

),

care_history as (

    select
        la_code,
        child_id,
        bool_and(legal_status_category = 'short_breaks') as has_only_short_breaks
    from episodes
    group by la_code, child_id

),

final as (

    select
        care_leavers.la_code,
        care_leavers.collection_year,
        care_leavers.child_id,
        care_leavers.birth_date,
        care_leavers.age_at_birthday,
        care_leavers.birthday_date,
        cast({{ dbt.date_trunc('month', "care_leavers.birthday_date") }} as date) as birthday_month,
        care_leavers.in_touch,
        care_leavers.activity,
        care_leavers.accommodation,
        care_leavers.in_touch_category,
        care_leavers.activity_category,
        care_leavers.accommodation_category,
        case
            when care_leavers.in_touch_category = 'died' then 'died'
            when care_leavers.in_touch_category = 'returned_home' then 'returned home'
            when last_episode.reason_ceased_category = 'transferred' then 'transferred'
            when care_history.has_only_short_breaks then 'short breaks only'
        end as excluded_reason,
        coalesce(care_leavers.accommodation_category = 'suitable', false) as is_suitable_accommodation,
        coalesce(care_leavers.activity_category = 'eet', false) as is_eet,
        coalesce(care_leavers.activity_category = 'neet_unavailable', false) as is_unavailable_for_work
    from care_leavers
    left join last_episode
        on last_episode.la_code = care_leavers.la_code and last_episode.child_id = care_leavers.child_id
    left join care_history
        on care_history.la_code = care_leavers.la_code and care_history.child_id = care_leavers.child_id

)

select * from final
