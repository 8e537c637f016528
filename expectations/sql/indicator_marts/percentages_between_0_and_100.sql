select v.la_code, 'marts.indicator_values' as _source_file, null::bigint as _row_number
from marts.indicator_values v
join marts.indicator_definitions d using (definition_id)
where d.unit = 'percent' and d.source_family not like '%finance%'
  and v.value not between 0 and 100
