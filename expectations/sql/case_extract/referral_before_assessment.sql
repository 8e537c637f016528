select a.la_code, a._source_file, a._row_number
from staging.stg_case__assessments a
join staging.stg_case__referrals r
  on r.la_code = a.la_code and r.referral_id = a.referral_id
where a.start_date < r.referral_date
