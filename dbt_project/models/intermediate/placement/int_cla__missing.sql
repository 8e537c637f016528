-- The SSDA903 missing every looked-after measure and check reads, whatever landed them:
-- the authority's SSDA903 returns (stg_ssda903__missing) or its SSD (int_ssd_ssda903_missing,
-- derived as docs/ssd.md says). Same columns (a union by name), same meanings; an authority supplies one
-- or the other (both is an ERROR for it at ingest). No measure reads either source directly.

{{ config(tags=['staging']) }}

select * from {{ ref('stg_ssda903__missing') }}
union all by name
select * from {{ ref('int_ssd_ssda903_missing') }}
