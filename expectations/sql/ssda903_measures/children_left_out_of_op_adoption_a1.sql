select la_code, 'intermediate.int_evidence__adoption' as _source_file, null::bigint as _row_number,
       child_id as _subject
from intermediate.int_ssda903_children_left_out where definition_id = 'OP_ADOPTION_A1'
