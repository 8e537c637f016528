select la_code, 'intermediate.int_evidence__a4_v3' as _source_file, null::bigint as _row_number,
       child_id as _subject
from intermediate.int_ssda903_children_left_out where definition_id = 'A4_v3'
