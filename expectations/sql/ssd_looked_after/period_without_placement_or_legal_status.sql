-- A derived episode with no placement or no legal status in force (a day of a period of
-- care that no ssd_cla_placement row of its CLA id, or no ssd_legal_status row of the
-- child, covers): the episode checks exclude it (PLACE or LS blank); listed here with the
-- SSD row that started it.
select la_code, _source_file, _row_number, child_id as _subject
from intermediate.int_ssd_ssda903_episodes
where placement_id is null or legal_status is null
