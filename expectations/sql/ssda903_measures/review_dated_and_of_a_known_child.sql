-- Reviews without a date or a child (int_cla_reviews leaves them out of OP_CLA_REVIEWS_ON_TIME
-- and OP_CLA_REVIEW_PARTICIPATION): SSDA903 reviews.csv or the SSD's ssd_cla_reviews.
select la_code, _source_file, _row_number from intermediate.int_cla__reviews
where child_id is null or review_date is null
