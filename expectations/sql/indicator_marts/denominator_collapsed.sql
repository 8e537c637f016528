select v.la_code, 'marts.indicator_values' as _source_file, null::bigint as _row_number
from marts.indicator_values v
join marts.indicator_values p
  on p.la_code = v.la_code and p.definition_id = v.definition_id and p.period_type = 'month'
  and p.period_start = v.period_start - interval 1 month
join marts.indicator_definitions d on d.definition_id = v.definition_id
where v.period_type = 'month' and d.denominator_source = 'evidence'
  and v.denominator = 0 and p.denominator >= 100
