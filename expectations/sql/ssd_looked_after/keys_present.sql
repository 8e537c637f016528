-- A row of an SSD looked-after table without its key (the table's own id), or without the
-- person or CLA id that places it: it cannot be matched to anything.
{% set tables = {
    'cla_episodes': ['cla_episode_id', 'person_id', 'cla_id'],
    'cla_placement': ['placement_id', 'cla_id'],
    'legal_status': ['legal_status_id', 'person_id'],
    'cla_reviews': ['review_id', 'person_id', 'cla_id'],
    'care_leavers': ['care_leaver_id', 'person_id'],
    'missing': ['missing_id', 'person_id'],
    'permanence': ['permanence_id', 'person_id'],
} %}
{% for t, keys in tables.items() %}
select la_code, _source_file, _row_number from staging.stg_ssd__{{ t }}
where {% for k in keys %}{{ k }} is null{% if not loop.last %} or {% endif %}{% endfor %}
{% if not loop.last %}union all{% endif %}
{% endfor %}
