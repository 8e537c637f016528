-- Rule: looked after reviews, their timeliness and the child's participation (SSDA903
-- reviews.csv, optional). Seed 002:1736-1737 (the Trust's corporate scorecard reports
-- "Timeliness of LAC Reviews" and "Participation of LAC in their Reviews"); the timescales
-- are the statutory ones (Care Planning, Placement and Case Review (England) Regulations
-- 2010, regulation 33): the first review within 20 working days of the day the child
-- started to be looked after, the second no more than 3 months after the first, each later
-- one no more than 6 months after the one before. One row per review (int_cla__reviews: the
-- SSDA903 reviews.csv or the SSD's ssd_cla_reviews; a dated review of a known child, the
-- others listed by the check "review dated and of a known child"), with:
--   in_period_of_care   an episode of the history (int_care_periods) was open on the review
--                       day, its last day included (a review held the day care ends is
--                       held while looked after); the others are reported by the quality
--                       gate (check "review held while looked after") and counted in no measure
--   is_short_break      the episode open that day is LS V3/V4 (an agreed series of short
--                       breaks, reviewed on other timescales, regulation 48): left out, as
--                       OP_CLA leaves short breaks out
--   review_number       the review's place among the period of care's reviews in the data
--   can_be_judged       false for the first review in the data of a period of care that
--                       began before the first collection year holding reviews: its previous
--                       review is not in the data, so its timescale is not known (coverage,
--                       like a rolling window reaching before the data: not counted)
--   is_on_time          review 1: working days from the period's start to the review <= 20
--                       (working_day_number difference, England and Wales bank holidays as
--                       for A2); review 2: on or before the first + 3 months; later: on or
--                       before the previous + 6 months (month arithmetic keeps to the
--                       month's last day: 31 August + 6 months = 28 February). In a period
--                       that began before the reviews' first year the data's reviews after
--                       its first are judged on 6 months: their place in the period is not
--                       known, and only a period begun within about four months of that year
--                       could still be owed its second review (3 months)
--   participation       PN0 under 4 (no measure), PN1-PN6 participated, PN7 did not; any
--                       other code is unknown (reported: check "REVIEW_CODE valid")

with

reviews as (

    select * from {{ ref('int_cla__reviews') }}
    where child_id is not null and review_date is not null

),

episodes as (

    select * from {{ ref('int_care_periods') }}

),

calendar as (

    select * from {{ ref('int_calendar_days') }}

),

first_year as (

    select la_code, make_date(min(collection_year) - 1, 4, 1) as reviews_from
    from reviews
    group by la_code

),

placed as (

    select
        reviews.la_code,
        reviews.child_id,
        reviews.review_date,
        reviews.review_participation,
        reviews._source_file,
        reviews._row_number,
        episodes.period_number,
        episodes.period_start_date,
        coalesce(episodes.legal_status_category = 'short_breaks', false) as is_short_break,
        episodes.child_id is not null as in_period_of_care
    from reviews
    left join episodes
        on episodes.la_code = reviews.la_code
        and episodes.child_id = reviews.child_id
        and {{ open_at('episodes.start_date', 'episodes.end_date', 'reviews.review_date', open_on_end_day=true) }}
    qualify row_number() over (
        partition by reviews.la_code, reviews._source_file, reviews._row_number
        order by episodes.start_date desc nulls last
    ) = 1

),

sequenced as (

    select
        placed.*,
        row_number() over by_period as review_number,
        lag(placed.review_date) over by_period as previous_review_date
    from placed
    window by_period as (
        partition by placed.la_code, placed.child_id, placed.period_number, placed.in_period_of_care
        order by placed.review_date
    )

),

final as (

    select
        sequenced.la_code,
        sequenced.child_id,
        sequenced.review_date,
        sequenced.review_participation,
        sequenced.period_start_date,
        sequenced.review_number,
        sequenced.previous_review_date,
        sequenced.in_period_of_care,
        sequenced.is_short_break,
        not (sequenced.review_number = 1 and sequenced.period_start_date < first_year.reviews_from)
            as can_be_judged,
        case
            when sequenced.review_number = 1
                then reviewed.working_day_number - started.working_day_number <= 20
            when sequenced.review_number = 2 and sequenced.period_start_date >= first_year.reviews_from
                then sequenced.review_date <= cast({{ dbt.dateadd('month', 3, 'sequenced.previous_review_date') }} as date)
            else sequenced.review_date <= cast({{ dbt.dateadd('month', 6, 'sequenced.previous_review_date') }} as date)
        end as is_on_time,
        case
            when sequenced.review_participation = 'PN0' then 'under 4'
            when sequenced.review_participation in ('PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6') then 'participated'
            when sequenced.review_participation = 'PN7' then 'did not participate'
            else 'unknown'
        end as participation,
        sequenced._source_file,
        sequenced._row_number
    from sequenced
    inner join first_year on first_year.la_code = sequenced.la_code
    left join calendar as started on started.date_day = sequenced.period_start_date
    left join calendar as reviewed on reviewed.date_day = sequenced.review_date

)

select * from final
