select la_code, _source_file, _row_number from intermediate.int_ssda903_missing_checks
where has_unknown_type and not is_missing_key
