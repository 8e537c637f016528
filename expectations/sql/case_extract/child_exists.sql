select x.la_code, x._source_file, x._row_number
from (
    {% for t in ['contacts', 'referrals', 'assessments', 'section47', 'cin_plans', 'cp_plans', 'visits', 'allocations', 'care_proceedings'] %}
    select la_code, _source_file, _row_number, child_id from staging.stg_case__{{ t }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
) x
where x.child_id is not null and not exists (
    select 1 from staging.stg_case__children c where c.la_code = x.la_code and c.child_id = x.child_id)
