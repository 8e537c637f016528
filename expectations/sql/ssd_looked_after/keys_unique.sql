-- The same key (the table's own id) more than once in an authority's SSD table: every row
-- sharing it is listed.
{% set tables = {'cla_episodes': 'cla_episode_id', 'cla_placement': 'placement_id',
                 'legal_status': 'legal_status_id', 'cla_reviews': 'review_id', 'care_leavers': 'care_leaver_id',
                 'missing': 'missing_id', 'permanence': 'permanence_id'} %}
{% for t, key in tables.items() %}
select la_code, _source_file, _row_number from (
    select la_code, _source_file, _row_number, count(*) over (partition by la_code, {{ key }}) as n
    from staging.stg_ssd__{{ t }} where {{ key }} is not null
) where n > 1
{% if not loop.last %}union all{% endif %}
{% endfor %}
