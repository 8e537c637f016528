-- The SSDA903 placed for adoption every looked-after measure and check reads, whatever landed them:
-- the authority's SSDA903 returns (stg_ssda903__placed_for_adoption) or its SSD (int_ssd_ssda903_placed_for_adoption,
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
        placed_date,
        placed_ceased_date,
        reason_placed_ceased,
        _source_file,
        _row_number
    from {{ ref('stg_ssda903__placed_for_adoption') }}

),

ssd as (

    select
        la_code,
        collection_year,
        child_id,
        birth_date,
        placed_date,
        placed_ceased_date,
        reason_placed_ceased,
        _source_file,
        _row_number
    from {{ ref('int_ssd_ssda903_placed_for_adoption') }}

),

final as (

    select * from ssda903
    union all
    select * from ssd

)

select * from final
