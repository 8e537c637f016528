-- An SSD involvement whose referral is not in ssd_cin_episodes (without invo_person_id it
-- has no child) or whose professional is not in ssd_professionals (its worker is then the
-- SSD's professional id, which the HR extract does not know).
select i.la_code, i._source_file, i._row_number
from staging.stg_ssd__involvements i
where (i.child_id is null and not exists (
        select 1 from staging.stg_ssd__cin_episodes r where r.la_code = i.la_code and r.referral_id = i.referral_id))
   or not exists (
        select 1 from staging.stg_ssd__professionals p where p.la_code = i.la_code and p.professional_id = i.professional_id)
