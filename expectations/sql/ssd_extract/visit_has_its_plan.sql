-- An SSD CIN or CP visit naming a plan that is not in ssd_cin_plans or ssd_cp_plans, or
-- naming neither a plan nor a person (cinv_person_id, cppv_person_id): a visit whose
-- child cannot be told is counted by no measure.
{% for t, plan in [('cin', 'cin_plan_id'), ('cp', 'cp_plan_id')] %}
select v.la_code, v._source_file, v._row_number
from staging.stg_ssd__{{ t }}_visits v
where (v.{{ plan }} is not null and not exists (
        select 1 from staging.stg_ssd__{{ t }}_plans p where p.la_code = v.la_code and p.{{ plan }} = v.{{ plan }}))
   or (v.{{ plan }} is null and v.child_id is null)
{% if not loop.last %}union all{% endif %}
{% endfor %}
