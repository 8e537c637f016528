-- A date of an SSD looked-after table that is neither YYYY-MM-DD nor DD/MM/YYYY (or not a
-- real date): compares the raw text with the staged value.
{% set dates = {
    'cla_episodes': [('clae_cla_episode_start_date', 'start_date'), ('clae_cla_episode_ceased_date', 'ceased_date'),
                     ('clae_entered_care_date', 'entered_care_date'), ('clae_cla_last_iro_contact_date', 'last_iro_contact_date')],
    'cla_placement': [('clap_cla_placement_start_date', 'start_date'), ('clap_cla_placement_end_date', 'end_date')],
    'legal_status': [('lega_legal_status_start_date', 'start_date'), ('lega_legal_status_end_date', 'end_date')],
    'cla_reviews': [('clar_cla_review_date', 'review_date'), ('clar_cla_review_due_date', 'due_date')],
    'care_leavers': [('clea_care_leaver_latest_contact', 'latest_contact_date'), ('clea_pathway_plan_review_date', 'pathway_plan_review_date')],
    'missing': [('miss_missing_episode_start_date', 'missing_start_date'), ('miss_missing_episode_end_date', 'missing_end_date')],
    'permanence': [('perm_adm_decision_date', 'adm_decision_date'), ('perm_decision_reversed_date', 'decision_reversed_date'),
                   ('perm_permanence_order_date', 'permanence_order_date'), ('perm_placed_for_adoption_date', 'placed_for_adoption_date')],
} %}
{% for t, cols in dates.items() %}
select r.la_code, r._source_file, r._row_number
from raw.ssd_{{ t }} r join staging.stg_ssd__{{ t }} s using (la_code, _source_file, _row_number)
where {% for raw, staged in cols %}(nullif(trim(r."{{ raw }}"), '') is not null and s.{{ staged }} is null){% if not loop.last %} or {% endif %}{% endfor %}
{% if not loop.last %}union all{% endif %}
{% endfor %}
