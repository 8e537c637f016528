select la_code, 'marts.indicator_values' as _source_file, null::bigint as _row_number
from intermediate.int_evidence
where definition_id = 'C14_v1' and cohort = 'agency above establishment'
