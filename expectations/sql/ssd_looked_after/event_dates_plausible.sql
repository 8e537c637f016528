-- A row without the date of what it records (a CLA episode's, placement's or legal status's
-- start, a review's date, a missing spell's start, a care leaver's latest contact), or
-- with one before 1900 or after the day the file was loaded.
{% set events = {'cla_episodes': 'start_date', 'cla_placement': 'start_date', 'legal_status': 'start_date',
                 'cla_reviews': 'review_date', 'care_leavers': 'latest_contact_date', 'missing': 'missing_start_date'} %}
{% for t, d in events.items() %}
select la_code, _source_file, _row_number from staging.stg_ssd__{{ t }}
where {{ d }} is null or {{ d }} < date '1900-01-01' or {{ d }} > _loaded_at::date
{% if not loop.last %}union all{% endif %}
{% endfor %}
