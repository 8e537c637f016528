select la_code, oc3_source_file as _source_file, oc3_row_number as _row_number
from intermediate.int_care_leavers
where oc3_year1_before_history
