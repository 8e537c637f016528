select la_code, _source_file, _row_number, child_id as _subject from intermediate.int_ssda903_episode_years
where is_left_open
