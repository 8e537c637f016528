-- Referential integrity: a review whose CLA id (clar_cla_id) is the CLA id of no row of
-- ssd_cla_episodes (it is kept: it counts in the review measures when the child is looked after that day).
select r.la_code, r._source_file, r._row_number
from staging.stg_ssd__cla_reviews r
where r.cla_id is not null and not exists (
    select 1 from staging.stg_ssd__cla_episodes e where e.la_code = r.la_code and e.cla_id = r.cla_id)
