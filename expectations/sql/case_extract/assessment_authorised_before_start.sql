-- An assessment authorised before it started: int_assessment_timeliness leaves it out of A2.
select la_code, _source_file, _row_number
from staging.stg_case__assessments
where authorisation_date < start_date
