-- Referential integrity: a placement whose CLA id (clap_cla_id) is the CLA id of no row of
-- ssd_cla_episodes belongs to no period of care and is in no derived episode.
select p.la_code, p._source_file, p._row_number
from staging.stg_ssd__cla_placement p
where p.cla_id is not null and not exists (
    select 1 from staging.stg_ssd__cla_episodes e where e.la_code = p.la_code and e.cla_id = p.cla_id)
