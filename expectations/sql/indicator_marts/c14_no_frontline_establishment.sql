select la_code, 'marts.indicator_values' as _source_file, null::bigint as _row_number
from marts.indicator_values
where definition_id = 'C14_v1' and period_type = 'month' and denominator = 0
