select la_code, _source_file, _row_number from intermediate.int_cla_reviews
where not in_period_of_care
