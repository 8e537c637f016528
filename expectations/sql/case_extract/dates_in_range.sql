{% for t, c in [('referrals', 'referral_date'), ('assessments', 'start_date'), ('cp_plans', 'start_date'), ('cin_plans', 'start_date')] %}
select x.la_code, x._source_file, x._row_number
from staging.stg_case__{{ t }} x
join raw._loads l on l.la_code = x.la_code and l.source_file = x._source_file
where x.{{ c }} < date '1990-01-01' or x.{{ c }} > l.loaded_at::date
{% if not loop.last %}union all{% endif %}
{% endfor %}
