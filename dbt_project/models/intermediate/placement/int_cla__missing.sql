-- The SSDA903 missing every looked-after measure and check reads, whatever landed them:
-- the authority's SSDA903 returns (stg_ssda903__missing) or its SSD (int_ssd_ssda903_missing,
-- derived as docs/ssd.md says). Same columns, same meanings; an authority supplies one
-- or the other (both is an ERROR for it at ingest). No measure reads either source directly.

{{ config(tags=['staging']) }}

with

ssda903 as (

    select
        la_code,
        collection_year,
        child_id,
        birth_date,
        missing_type,
        missing_start_date,
        missing_end_date,
        _source_file,
        _row_number
    from {{ ref('stg_ssda903__missing') }}

),

ssd as (

    select
        la_code,
        collection_year,
        child_id,
        birth_date,
        missing_type,
        missing_start_date,
        missing_end_date,
        _source_file,
        _row_number
    from {{ ref('int_ssd_ssda903_missing') }}

),

final as (

    select * from ssda903
    union all
    select * from ssd

)

select * from final
