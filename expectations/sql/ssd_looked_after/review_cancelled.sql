-- A review the SSD marks cancelled: not held, so not an SSDA903 review (left out).
select la_code, _source_file, _row_number from staging.stg_ssd__cla_reviews where is_cancelled
