{{ config(materialized='view') }}
-- Allocations (which worker holds which child's case, from and to), whatever the extract:
-- native allocations.csv and the SSD's ssd_involvements with ssd_professionals. The
-- worker is the professional's HR staff id (prof_staff_id, the key the workforce extract
-- uses) where given, else the SSD's professional id. The child is the involvement's own
-- person column where the deployment has one, else its referral's child (ssd_cin_episodes).
-- Every involvement is read as an allocation, whatever its role: the caseload measures
-- count a worker only when the HR extract has them caseholding and qualified, which
-- leaves out other roles (the alternative, a list of role codes per system, is named in
-- docs/ssd.md).

with

professionals as (

    select la_code, professional_id, staff_id from {{ ref('stg_ssd__professionals') }}

),

referrals as (

    select la_code, referral_id, child_id from {{ ref('stg_ssd__cin_episodes') }}

)

select * from {{ ref('stg_case__allocations') }}

union all by name

select
    i.la_code,
    i.involvement_id as allocation_id,
    coalesce(i.child_id, r.child_id) as child_id,
    coalesce(p.staff_id, i.professional_id) as worker_id,
    i.start_date,
    i.end_date,
    i._source_file,
    i._row_number
from {{ ref('stg_ssd__involvements') }} as i
left join professionals as p on p.la_code = i.la_code and p.professional_id = i.professional_id
left join referrals as r on r.la_code = i.la_code and r.referral_id = i.referral_id
