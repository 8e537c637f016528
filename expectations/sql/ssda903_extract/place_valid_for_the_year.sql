select la_code, _source_file, _row_number, child_id as _subject from intermediate.int_ssda903_episode_checks
where has_unknown_placement_type and not is_missing_key
