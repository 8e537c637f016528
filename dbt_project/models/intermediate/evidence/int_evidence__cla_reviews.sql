-- Evidence of the looked after review measures (no target; seed 002:1736-1737, the
-- corporate scorecard's "Timeliness of LAC Reviews" and "Participation of LAC in their
-- Reviews"), from the rule int_cla_reviews: reviews held in the month while looked after
-- (not under an agreed series of short breaks, LS V3/V4).
--   OP_CLA_REVIEWS_ON_TIME       reviews whose timescale can be judged; in the numerator when
--                                held on time (first within 20 working days of entering
--                                care, second within 3 months, later within 6 months).
--                                Cohort: first / second / later review
--   OP_CLA_REVIEW_PARTICIPATION  reviews of children aged 4 or over (not PN0) with a known
--                                code; in the numerator when the child participated
--                                (PN1-PN6). Cohort: the REVIEW_CODE

with

reviews as (

    select * from {{ ref('int_cla_reviews') }}
    where in_period_of_care and not is_short_break

),

final as (

    select
        la_code,
        'OP_CLA_REVIEWS_ON_TIME' as definition_id,
        {{ dbt.date_trunc('month', "review_date") }}::date as period_start,
        'looked after review' as subject_type,
        child_id || ' ' || cast(review_date as varchar) as subject_id,
        child_id,
        review_date as event_date,
        case review_number when 1 then 'first review' when 2 then 'second review' else 'later review' end as cohort,
        is_on_time as in_numerator
    from reviews
    where can_be_judged

    union all

    select
        la_code, 'OP_CLA_REVIEW_PARTICIPATION', {{ dbt.date_trunc('month', "review_date") }}::date,
        'looked after review', child_id || ' ' || cast(review_date as varchar), child_id, review_date,
        review_participation, participation = 'participated'
    from reviews
    where participation in ('participated', 'did not participate')

)

select * from final
