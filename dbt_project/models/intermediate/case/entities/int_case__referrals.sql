{{ config(materialized='view') }}
-- Referrals, whatever the extract: the native case extract (stg_case__referrals) and the
-- SSD's CIN episodes (stg_ssd__cin_episodes, one row a referral: docs/ssd.md). An authority
-- supplies one or the other (the loader holds back one that sends both), so the union
-- never holds a referral twice. Every measure reads referrals from here.

select * from {{ ref('stg_case__referrals') }}

union all by name

select
    la_code,
    referral_id,
    child_id,
    referral_date,
    referral_source,
    primary_need_code,
    is_referral_nfa,
    closure_date,
    closure_reason,
    _source_file,
    _row_number
from {{ ref('stg_ssd__cin_episodes') }}
