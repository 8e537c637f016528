select la_code, 'intermediate.int_evidence__in_house_provision' as _source_file, null::bigint as _row_number,
       child_id as _subject
from intermediate.int_ssda903_children_left_out where definition_id = 'OP_IN_HOUSE_RES_OCCUPANCY'
