select la_code, _source_file, _row_number
from staging.stg_case__care_proceedings
where disposal_date < issue_date
