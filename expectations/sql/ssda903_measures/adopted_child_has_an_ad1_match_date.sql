select la_code, 'intermediate.int_adoptions' as _source_file, null::bigint as _row_number,
       child_id as _subject
from intermediate.int_adoptions where is_missing_match_date
