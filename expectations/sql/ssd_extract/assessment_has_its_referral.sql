-- An SSD assessment whose referral (cina_referral_id) is not in ssd_cin_episodes.
select a.la_code, a._source_file, a._row_number, a.child_id as _subject
from staging.stg_ssd__cin_assessments a
where a.referral_id is not null and not exists (
    select 1 from staging.stg_ssd__cin_episodes r where r.la_code = a.la_code and r.referral_id = a.referral_id)
