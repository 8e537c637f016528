select la_code, _source_file, _row_number from intermediate.int_ssda903_care_leaver_checks
where has_no_birth_date and not is_missing_key
