-- An absence that starts before the working-day calendar (int_calendar_days, its first
-- day): int_sickness_days_by_month counts only its days from that day on, and shares its
-- working_days_lost over those months alone.
select la_code, _source_file, _row_number
from staging.stg_workforce__absences
where start_date < (select min(date_day) from intermediate.int_calendar_days)
