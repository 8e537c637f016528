-- DfE business rules on every staged SSDA903 missing row (a child missing from, or away
-- without authorisation from, their placement): one row per staged row, one flag per rule.
-- Built with the staging step (tag staging) so the quality gate (suite ssda903_extract)
-- reports exactly these flags as WARN findings.
-- Excluded (is_excluded: in no measure):
--   is_missing_key     CHILD blank, or MIS_START blank or unreadable
--   is_duplicate       the same child and start date more than once
--   ends_before_start  MIS_END before MIS_START
--   has_unknown_type   MISSING not a code of the year (M missing, A away without authorisation)
--   missing_days       MIS_END - MIS_START in days; null while the episode is open

{{ config(tags=['staging']) }}

with

missing as (

    select * from {{ ref('int_cla__missing') }}

),

codes as (

    select * from {{ ref('ssda903_codes') }}

),

flagged as (

    select
        missing.la_code,
        missing.collection_year,
        missing.child_id,
        missing.missing_type,
        missing.missing_start_date,
        missing.missing_end_date,
        missing.missing_end_date - missing.missing_start_date as missing_days,
        kind.category as missing_category,
        missing.child_id is null or missing.missing_start_date is null as is_missing_key,
        missing.child_id is not null and missing.missing_start_date is not null
            and count(*) over (
                partition by missing.la_code, missing.child_id, missing.missing_start_date
            ) > 1 as is_duplicate,
        coalesce(missing.missing_end_date < missing.missing_start_date, false) as ends_before_start,
        kind.category is null as has_unknown_type,
        missing._source_file,
        missing._row_number
    from missing
    left join codes as kind
        on kind.field = 'MISSING' and kind.code = missing.missing_type
        and missing.collection_year between coalesce(kind.first_year, 0) and coalesce(kind.last_year, 9999)

),

final as (

    select
        *,
        is_missing_key or is_duplicate or ends_before_start or has_unknown_type as is_excluded
    from flagged

)

select * from final
