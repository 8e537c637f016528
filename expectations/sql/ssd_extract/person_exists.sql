-- SSD rows naming a person who is not in ssd_person (the SSD's referential integrity, as
-- child exists is the case extract's).
select x.la_code, x._source_file, x._row_number, x.child_id as _subject
from (
    {% for t in ['contacts', 'cin_episodes', 'cin_assessments', 's47_enquiry', 'initial_cp_conference', 'cp_plans', 'cin_plans', 'cla_visits'] %}
    select la_code, _source_file, _row_number, child_id from staging.stg_ssd__{{ t }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
) x
where x.child_id is not null and not exists (
    select 1 from staging.stg_ssd__person p where p.la_code = x.la_code and p.person_id = x.child_id)
