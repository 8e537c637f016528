-- An SSD assessment that starts before its referral (CIN validator rule, as for the case extract).
select a.la_code, a._source_file, a._row_number, a.child_id as _subject
from staging.stg_ssd__cin_assessments a
join staging.stg_ssd__cin_episodes r
  on r.la_code = a.la_code and r.referral_id = a.referral_id
where a.start_date < r.referral_date
