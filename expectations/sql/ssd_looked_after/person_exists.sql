-- Referential integrity: a looked-after row whose person is not in ssd_person (no date of
-- birth or sex for the SSDA903 header: the child is left out of what needs the age).
select x.la_code, x._source_file, x._row_number
from (
    {% for t in ['cla_episodes', 'legal_status', 'cla_reviews', 'care_leavers', 'missing', 'permanence'] %}
    select la_code, _source_file, _row_number, person_id from staging.stg_ssd__{{ t }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
) x
where x.person_id is not null and not exists (
    select 1 from staging.stg_ssd__person p where p.la_code = x.la_code and p.person_id = x.person_id)
