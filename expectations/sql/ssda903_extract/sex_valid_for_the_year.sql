select h.la_code, h._source_file, h._row_number from intermediate.int_cla__header h
where not exists (
  select 1 from reference.ssda903_codes c
  where c.field = 'SEX' and c.code = h.sex
    and h.collection_year between coalesce(c.first_year, 0) and coalesce(c.last_year, 9999))
