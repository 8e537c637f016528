-- Care leavers on their 19th, 20th and 21st birthdays (B11-B14 and the EET rate of young
-- people available for work): one row per young person and collection year (1 April to 31
-- March) in which they are
--   in_oc3           listed in the OC3 return for a 19th, 20th or 21st birthday falling in
--                    that year (a row kept by int_ssda903_care_leaver_checks), and/or
--   in_year1_cohort  in the Year 1 cohort of B11_v1/B12_v1 with their 19th birthday in that
--                    year, derived from the episode history (below).
-- B13_v1/B14_v1 and OP_B_EET_AVAILABLE take the OC3 rows (the return is their cohort);
-- B11_v1/B12_v1 take the Year 1 cohort.
--
-- Year 1 cohort (seed 002:2084-2085 for B11, 002:2107-2108 for B12): "young people aged 19
-- who were looked after under any legal status (other than V3 or V4) on 1 April in their
-- 17th year". Read as written:
--   - the 19th birthday (DOB of the SSDA903 header) falls in the collection year; its month
--     is the month the young person counts in;
--   - year1_cohort_date, "1 April in their 17th year": the 17th year of life runs from the
--     16th birthday to the day before the 17th, so it is the 1 April on which the young
--     person was aged 16 (the 16th birthday itself if that is 1 April). Not the 1 April when
--     aged 17 (that would be the 18th year);
--   - looked after on it: an episode of int_care_periods (years combined, rows breaking a
--     DfE rule left out) started on or before that day and not ended by it (an episode
--     ending on a day has ended by that day), with LS other than V3/V4 (legal status
--     category short_breaks). A child in a short break that day is not in the cohort,
--     whatever came after.
--   year1_cohort_date is that 1 April (for a young person listed in the OC3 at 19 but not in
--   the cohort, worked out from the OC3 DOB, for the comparison below).
-- The numerator reads the OC3 record of the 19th birthday (the row of the collection year
-- of the 19th birthday, age 19): the situation "on or nearest to 19th birthday (3 months
-- before and one month after)" (seed 002:2082-2083, 002:2105-2106) is the return's own
-- rule for that row. A cohort member with no usable OC3 row stays in the denominator and is
-- in no numerator (counted by the WARN check "Year 1 cohort young person missing from the
-- OC3").
--
--   excluded_reason   why the young person is left out of the denominators:
--                       died               IN_TOUCH DIED
--                       returned home      IN_TOUCH RHOM (home for 6 months or more)
--                       transferred        the young person's last episode of care ended
--                                          with REC E3 (care taken over by another authority)
--                       short breaks only  every episode in the data is LS V3/V4 (never a
--                                          Year 1 cohort member)
--                     young people not in touch (NO, REFU) or no longer requiring services
--                     (NREQ), and cohort members with no OC3 row, stay in the denominator
--   is_suitable_accommodation  ACCOM is a code of the year ending in 1 (seed category suitable)
--   is_eet                     ACTIV F1, P1, F2, P2, F4, P4, F5, P5 (seed category eet)
--   is_unavailable_for_work    ACTIV G4 (illness or disability) or G6 (pregnancy or parenting)
--
-- Comparison with the OC3 (checks of suite care_leaver_cohort, expectations/checks.yml), in
-- the collection years whose contract year reports B11_v1 or B12_v1 (seed
-- indicator_catalogue; other years report B13/B14, whose cohort is the OC3 itself, and are
-- not compared):
--   oc3_outside_year1_cohort  an OC3 row of a 19th birthday whose young person is not in
--                             the cohort (in no B11/B12 figure); the OC3 row is named
--   oc3_year1_before_history  the same, but the young person's 1 April in their 17th year
--                             (from the OC3 DOB) is before the episode history begins (1
--                             April of the authority's first collection year,
--                             int_family_coverage): the history cannot show whether they
--                             were looked after then, and B11/B12 are understated that year
--   year1_cohort_without_oc3  a cohort member with no usable OC3 row of their 19th
--                             birthday; the episode open on year1_cohort_date is named

with

care_leavers as (

    select * from {{ ref('int_ssda903_care_leaver_checks') }}
    where not is_excluded and age_at_birthday between 19 and 21

),

episodes as (

    select * from {{ ref('int_care_periods') }}

),

header as (

    select la_code, child_id, min(birth_date) as birth_date
    from {{ ref('int_cla__header') }}
    where child_id is not null and birth_date is not null
    group by la_code, child_id

),

-- the collection years of each authority's episode history: cohorts are looked for up to
-- the latest (no 19th birthdays after the data)
latest_year as (

    select la_code, max(collection_year) as collection_year
    from episodes
    group by la_code

),

-- the collection years compared with the OC3: those whose contract year (2015/16 is the
-- collection year ending March 2016) reports B11_v1 or B12_v1
compared_years as (

    -- the collection years (ending 31 March) of the contract years the basket rows touch
    select distinct unnest(generate_series(
        year({{ dbt.dateadd('month', -3, 'effective_from') }}) + 1,
        year({{ dbt.dateadd('month', -3, 'least(effective_to, current_date)') }}) + 1
    )) as collection_year
    from {{ ref('int_contract_basket') }}
    where definition_id in ('B11_v1', 'B12_v1')

),

-- 1 April of the authority's first collection year: episodes that ended before it are not
-- in the data
history as (

    select la_code, first_month as history_start_date
    from {{ ref('int_family_coverage') }}
    where source_family = 'placement'

),

-- the dates of birth the 1 April in the 17th year is worked out from: the header's (the
-- cohort) and, for the comparison, the OC3 rows' of a 19th birthday
births as (

    select la_code, child_id, birth_date, 'header' as birth_date_source
    from header
    union all
    select distinct la_code, child_id, birth_date, 'oc3'
    from care_leavers
    where age_at_birthday = 19

),

sixteenth_birthdays as (

    select
        births.*,
        cast({{ dbt.dateadd('year', 16, 'births.birth_date') }} as date) as sixteenth_birthday,
        cast({{ dbt.dateadd('year', 19, 'births.birth_date') }} as date) as nineteenth_birthday
    from births

),

cohort_dates as (

    select
        sixteenth_birthdays.*,
        -- the first 1 April on or after the 16th birthday: before the 17th
        make_date(
            year(sixteenth_birthday) + case when sixteenth_birthday > make_date(year(sixteenth_birthday), 4, 1) then 1 else 0 end,
            4, 1
        ) as year1_cohort_date,
        case
            when month(nineteenth_birthday) >= 4 then year(nineteenth_birthday) + 1
            else year(nineteenth_birthday)
        end as collection_year
    from sixteenth_birthdays

),

year1_cohort as (

    select
        cohort_dates.la_code,
        cohort_dates.collection_year,
        cohort_dates.child_id,
        cohort_dates.birth_date,
        cohort_dates.nineteenth_birthday,
        cohort_dates.year1_cohort_date,
        episodes._source_file as episode_source_file,
        episodes._row_number as episode_row_number
    from cohort_dates
    inner join latest_year
        on latest_year.la_code = cohort_dates.la_code
        and cohort_dates.collection_year <= latest_year.collection_year
    inner join episodes
        on episodes.la_code = cohort_dates.la_code
        and episodes.child_id = cohort_dates.child_id
        and episodes.start_date <= cohort_dates.year1_cohort_date
        and (episodes.end_date is null or episodes.end_date > cohort_dates.year1_cohort_date)
    where cohort_dates.birth_date_source = 'header'
        and episodes.legal_status_category <> 'short_breaks'
    -- episodes kept do not overlap: at most one is open on a day (one row per child regardless)
    qualify row_number() over (partition by cohort_dates.la_code, cohort_dates.child_id order by episodes.start_date) = 1

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

-- the OC3 rows and the Year 1 cohort, matched on the young person and the collection year of
-- the 19th birthday
matched as (

    select
        coalesce(care_leavers.la_code, year1_cohort.la_code) as la_code,
        coalesce(care_leavers.collection_year, year1_cohort.collection_year) as collection_year,
        coalesce(care_leavers.child_id, year1_cohort.child_id) as child_id,
        coalesce(care_leavers.age_at_birthday, 19) as age_at_birthday,
        care_leavers.child_id is not null as in_oc3,
        year1_cohort.child_id is not null as in_year1_cohort,
        care_leavers.birth_date as oc3_birth_date,
        care_leavers.birthday_date as oc3_birthday_date,
        year1_cohort.birth_date as cohort_birth_date,
        year1_cohort.nineteenth_birthday as cohort_birthday_date,
        coalesce(year1_cohort.year1_cohort_date, oc3_dates.year1_cohort_date) as year1_cohort_date,
        care_leavers.in_touch,
        care_leavers.activity,
        care_leavers.accommodation,
        care_leavers.in_touch_category,
        care_leavers.activity_category,
        care_leavers.accommodation_category,
        care_leavers._source_file as oc3_source_file,
        care_leavers._row_number as oc3_row_number,
        year1_cohort.episode_source_file,
        year1_cohort.episode_row_number
    from care_leavers
    full outer join year1_cohort
        on year1_cohort.la_code = care_leavers.la_code
        and year1_cohort.child_id = care_leavers.child_id
        and year1_cohort.collection_year = care_leavers.collection_year
        and care_leavers.age_at_birthday = 19
    left join cohort_dates as oc3_dates
        on oc3_dates.birth_date_source = 'oc3'
        and oc3_dates.la_code = care_leavers.la_code
        and oc3_dates.child_id = care_leavers.child_id
        and oc3_dates.birth_date = care_leavers.birth_date
        and care_leavers.age_at_birthday = 19

),

final as (

    select
        matched.la_code,
        matched.collection_year,
        matched.child_id,
        matched.age_at_birthday,
        matched.in_oc3,
        matched.in_year1_cohort,
        matched.oc3_birth_date,
        matched.oc3_birthday_date,
        cast({{ dbt.date_trunc('month', "matched.oc3_birthday_date") }} as date) as oc3_birthday_month,
        matched.cohort_birth_date,
        matched.cohort_birthday_date,
        cast({{ dbt.date_trunc('month', "matched.cohort_birthday_date") }} as date) as cohort_birthday_month,
        matched.year1_cohort_date,
        matched.in_touch,
        matched.activity,
        matched.accommodation,
        matched.in_touch_category,
        matched.activity_category,
        matched.accommodation_category,
        case
            when matched.in_touch_category = 'died' then 'died'
            when matched.in_touch_category = 'returned_home' then 'returned home'
            when last_episode.reason_ceased_category = 'transferred' then 'transferred'
            when care_history.has_only_short_breaks then 'short breaks only'
        end as excluded_reason,
        coalesce(matched.accommodation_category = 'suitable', false) as is_suitable_accommodation,
        coalesce(matched.activity_category = 'eet', false) as is_eet,
        coalesce(matched.activity_category = 'neet_unavailable', false) as is_unavailable_for_work,
        compared_years.collection_year is not null as is_year1_compared,
        coalesce(
            compared_years.collection_year is not null and matched.in_oc3 and matched.age_at_birthday = 19
                and not matched.in_year1_cohort and matched.year1_cohort_date >= history.history_start_date,
            false
        ) as oc3_outside_year1_cohort,
        coalesce(
            compared_years.collection_year is not null and matched.in_oc3 and matched.age_at_birthday = 19
                and not matched.in_year1_cohort and matched.year1_cohort_date < history.history_start_date,
            false
        ) as oc3_year1_before_history,
        compared_years.collection_year is not null and matched.in_year1_cohort and not matched.in_oc3
            as year1_cohort_without_oc3,
        matched.oc3_source_file,
        matched.oc3_row_number,
        matched.episode_source_file,
        matched.episode_row_number
    from matched
    left join last_episode
        on last_episode.la_code = matched.la_code and last_episode.child_id = matched.child_id
    left join care_history
        on care_history.la_code = matched.la_code and care_history.child_id = matched.child_id
    left join compared_years
        on compared_years.collection_year = matched.collection_year
    left join history
        on history.la_code = matched.la_code

)

select * from final
