-- The SSDA903 episodes every looked-after measure and check reads, whatever landed them:
-- the authority's SSDA903 returns (stg_ssda903__episodes) or its SSD (int_ssd_ssda903_episodes,
-- derived as docs/ssd.md says; its helper columns, such as the SSD's CLA and placement ids,
-- are left out). Same columns, same meanings; an authority supplies one
-- or the other (both is an ERROR for it at ingest). No measure reads either source directly.

{{ config(tags=['staging']) }}

select * from {{ ref('stg_ssda903__episodes') }}
union all by name
select
    la_code,
    collection_year,
    child_id,
    start_date,
    reason_new_episode,
    legal_status,
    category_of_need,
    placement_type,
    placement_provider,
    end_date,
    is_left_open,
    reason_episode_ceased,
    reason_placement_change,
    home_postcode,
    placement_postcode,
    urn,
    _source_file,
    _row_number
from {{ ref('int_ssd_ssda903_episodes') }}
