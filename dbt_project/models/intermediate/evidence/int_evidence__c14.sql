-- C14 evidence: % of frontline FTE posts covered by agency staff (seed 002:2122-2125).
--   Denominator  "Number of FTE posts identified as frontline" (002:2125): the funded
--                frontline establishment at the month end (int_establishment_at_month_end,
--                posts with frontline = Y funded that day); each post adds its FTE.
--                Cohort 'frontline post'.
--   Numerator    "Of the number of FTE posts, count of those currently filled by an agency
--                worker" (002:2124): agency workers in frontline roles in post at the month
--                end (the staff record in force that day; the later-starting one if two
--                are), each adding its FTE. Posts are not linked to staff in the extract,
--                so every frontline agency worker is taken to fill a frontline post. A
--                worker who was agency for part of the month counts as what the record in
--                force on the month end says (snapshot, not pro-rated). Cohort 'agency'.
--   Cap          the numerator counts posts, so it is at most the posts: in a month with
--                more frontline agency FTE than frontline post FTE, one more row takes the
--                excess off the numerator (cohort 'agency above establishment'), and C14
--                is 100%. A month with no frontline post has no value (zero denominator).
--                Both are reported (expectations/checks.yml, suite indicator_marts).
-- Employed workers are not in C14: posts, not people, are the denominator.

with

agency as (

    select * from {{ ref('int_staff_in_post_at_month_end') }}
    where is_frontline and is_agency_worker

),

posts as (

    select * from {{ ref('int_establishment_at_month_end') }}
    where is_frontline

),

agency_fte as (

    select la_code, period_start, period_end, sum(fte::decimal(18, 4)) as fte
    from agency
    group by all

),

post_fte as (

    select la_code, period_start, sum(fte::decimal(18, 4)) as fte
    from posts
    group by all

),

above_establishment as (

    select
        agency_fte.la_code,
        agency_fte.period_start,
        agency_fte.period_end,
        agency_fte.fte - coalesce(post_fte.fte, 0) as excess_fte
    from agency_fte
    left join post_fte
        on post_fte.la_code = agency_fte.la_code and post_fte.period_start = agency_fte.period_start

),

final as (

    select
        la_code,
        'C14_v1' as definition_id,
        period_start,
        'worker' as subject_type,
        worker_id as subject_id,
        null::varchar as child_id,
        start_date as event_date,
        'agency' as cohort,
        true as in_numerator,
        fte::decimal(18, 4) as numerator_amount,
        0::decimal(18, 4) as denominator_amount
    from agency

    union all

    select la_code, 'C14_v1', period_start, 'post', post_id, null, null, 'frontline post',
        false, 0, fte::decimal(18, 4)
    from posts

    union all

    select la_code, 'C14_v1', period_start, 'establishment', period_end::varchar, null, period_end,
        'agency above establishment', false, -excess_fte, 0
    from above_establishment
    where excess_fte > 0

)

select * from final
