-- SSDA903 reviews derived from ssd_cla_reviews: REVIEW (the date held), REVIEW_CODE (the
-- participation code as recorded), DOB from ssd_person; collection year of the review.
-- A review the SSD marks cancelled was not held: left out, and listed by the check
-- "CLA review cancelled" (suite ssd_looked_after).

{{ config(tags=['staging']) }}

with

reviews as (

    select * from {{ ref('stg_ssd__cla_reviews') }}
    where not coalesce(is_cancelled, false)

),

person as (

    {{ ssd_person_birth_dates() }}

),

extracts as (

    select * from {{ ref('int_ssd_extract_dates') }}

),

final as (

    select
        reviews.la_code,
        {{ ssd_row_collection_year('reviews.review_date') }} as collection_year,
        reviews.person_id as child_id,
        person.birth_date,
        reviews.review_date,
        reviews.review_participation,
        reviews._source_file,
        reviews._row_number
    from reviews
    inner join extracts on extracts.la_code = reviews.la_code
    left join person on person.la_code = reviews.la_code and person.person_id = reviews.person_id

)

select * from final
