-- DfE business rules on every staged SSDA903 OC3 row (care leavers on their 17th to 21st
-- birthdays): one row per staged OC3 row with the birthday it reports on and one flag per
-- rule. Built with the staging step (tag staging) so the quality gate (suite
-- ssda903_extract) reports exactly these flags as WARN findings.
--   birthday_date      the young person's birthday that falls in the row's collection year
--                      (1 April to 31 March); a 29 February birthday falls on 28 February in
--                      other years (date arithmetic)
--   age_at_birthday    the age reached on it
-- Excluded (is_excluded: the row is in no measure):
--   is_missing_key     CHILD blank
--   has_no_birth_date  DOB blank or unreadable: the birthday cannot be placed
--   is_duplicate       the same child more than once in the same collection year
--   has_unknown_in_touch  IN_TOUCH not a code of the year: the exclusions cannot be applied
-- Flagged only (reported; the measures cope):
--   age_out_of_range   no 17th to 21st birthday in the collection year (in no measure, as
--                      the measures take ages 19 to 21)
--   has_unknown_activity, has_unknown_accommodation  ACTIV or ACCOM not a code of the year:
--                      the young person stays in the denominator and is not counted as in
--                      education, employment or training / suitable accommodation
--   died_or_home_with_details  IN_TOUCH DIED or RHOM but ACTIV or ACCOM recorded (not 0)
--                      (DfE rule 344; such young people are excluded from the measures anyway)
--   in_touch_without_details   IN_TOUCH YES but ACTIV or ACCOM 0 or blank (DfE rule 345;
--                      counted as neither EET nor suitably accommodated)

{{ config(tags=['staging']) }}

with

care_leavers as (

    select * from {{ ref('int_cla__oc3') }}

),

codes as (

    select * from {{ ref('ssda903_codes') }}

),

birthdays as (

    select
        care_leavers.*,
        -- the age reached on the birthday in the collection year ending 31 March collection_year
        case
            when care_leavers.birth_date is null then null
            when month(care_leavers.birth_date) >= 4 then care_leavers.collection_year - 1 - year(care_leavers.birth_date)
            else care_leavers.collection_year - year(care_leavers.birth_date)
        end as age_at_birthday
    from care_leavers

),

coded as (

    select
        birthdays.*,
        cast(birthdays.birth_date + to_years(birthdays.age_at_birthday) as date) as birthday_date,
        in_touch.category as in_touch_category,
        activity.category as activity_category,
        accommodation.category as accommodation_category
    from birthdays
    left join codes as in_touch
        on in_touch.field = 'IN_TOUCH' and in_touch.code = birthdays.in_touch
        and birthdays.collection_year between coalesce(in_touch.first_year, 0) and coalesce(in_touch.last_year, 9999)
    left join codes as activity
        on activity.field = 'ACTIV' and activity.code = birthdays.activity
        and birthdays.collection_year between coalesce(activity.first_year, 0) and coalesce(activity.last_year, 9999)
    left join codes as accommodation
        on accommodation.field = 'ACCOM' and accommodation.code = birthdays.accommodation
        and birthdays.collection_year between coalesce(accommodation.first_year, 0) and coalesce(accommodation.last_year, 9999)

),

flagged as (

    select
        coded.*,
        child_id is null as is_missing_key,
        birth_date is null as has_no_birth_date,
        child_id is not null
            and count(*) over (partition by la_code, collection_year, child_id) > 1 as is_duplicate,
        in_touch_category is null as has_unknown_in_touch,
        coalesce(age_at_birthday not between 17 and 21, false) as age_out_of_range,
        activity is not null and activity_category is null as has_unknown_activity,
        accommodation is not null and accommodation_category is null as has_unknown_accommodation,
        in_touch_category in ('died', 'returned_home')
            and (coalesce(activity, '0') <> '0' or coalesce(accommodation, '0') <> '0') as died_or_home_with_details,
        coalesce(in_touch_category = 'in_touch', false)
            and (coalesce(activity, '0') = '0' or coalesce(accommodation, '0') = '0') as in_touch_without_details
    from coded

),

final as (

    select
        la_code,
        collection_year,
        child_id,
        birth_date,
        age_at_birthday,
        birthday_date,
        in_touch,
        activity,
        accommodation,
        in_touch_category,
        activity_category,
        accommodation_category,
        is_missing_key,
        has_no_birth_date,
        is_duplicate,
        has_unknown_in_touch,
        age_out_of_range,
        has_unknown_activity,
        has_unknown_accommodation,
        coalesce(died_or_home_with_details, false) as died_or_home_with_details,
        in_touch_without_details,
        is_missing_key or has_no_birth_date or is_duplicate or has_unknown_in_touch as is_excluded,
        _source_file,
        _row_number
    from flagged

)

select * from final
