-- Looked-after rows that cannot be placed in time (int_ssd_ssda903_episodes leaves them out):
-- a CLA episode without its person, CLA id or start date; a placement without its CLA id or
-- start date; a legal status without its person or start date.
select la_code, _source_file, _row_number from staging.stg_ssd__cla_episodes
where person_id is null or cla_id is null or start_date is null
union all
select la_code, _source_file, _row_number from staging.stg_ssd__cla_placement
where cla_id is null or start_date is null
union all
select la_code, _source_file, _row_number from staging.stg_ssd__legal_status
where person_id is null or start_date is null
