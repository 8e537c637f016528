-- A CLA episode, placement, legal status or missing spell that ends before it starts: the
-- derived episodes it makes cover no day (the episode checks then exclude and report them).
select la_code, _source_file, _row_number from staging.stg_ssd__cla_episodes where ceased_date < start_date
union all
select la_code, _source_file, _row_number from staging.stg_ssd__cla_placement where end_date < start_date
union all
select la_code, _source_file, _row_number from staging.stg_ssd__legal_status where end_date < start_date
union all
select la_code, _source_file, _row_number from staging.stg_ssd__missing where missing_end_date < missing_start_date
