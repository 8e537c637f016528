{{ config(materialized='view') }}
-- Visits, whatever the extract: native visits.csv (visit_type CIN, CP or CLA) and the
-- SSD's three visit tables, each its own type: ssd_cin_visits (CIN), ssd_cp_visits (CP)
-- and ssd_cla_visits (CLA). A CIN or CP visit names its plan; its child is the visit's own
-- person column where the deployment has one, else the plan's child. A CLA visit names its
-- child (clav_person_id). The SSD's visits do not name the worker: worker_id is null (no
-- measure reads a visit's worker). Every column is named: the union matches by name.

with

cin_plans as (

    select la_code, cin_plan_id, child_id from {{ ref('stg_ssd__cin_plans') }}

),

cp_plans as (

    select la_code, cp_plan_id, child_id from {{ ref('stg_ssd__cp_plans') }}

)

select * from {{ ref('stg_case__visits') }}

union all by name

select
    v.la_code, v.visit_id, coalesce(v.child_id, p.child_id) as child_id, null::varchar as worker_id,
    v.visit_date, 'CIN' as visit_type, v.is_child_seen, v.is_seen_alone, v._source_file, v._row_number
from {{ ref('stg_ssd__cin_visits') }} as v
left join cin_plans as p on p.la_code = v.la_code and p.cin_plan_id = v.cin_plan_id

union all by name

select
    v.la_code, v.visit_id, coalesce(v.child_id, p.child_id) as child_id, null::varchar as worker_id,
    v.visit_date, 'CP' as visit_type, v.is_child_seen, v.is_seen_alone, v._source_file, v._row_number
from {{ ref('stg_ssd__cp_visits') }} as v
left join cp_plans as p on p.la_code = v.la_code and p.cp_plan_id = v.cp_plan_id

union all by name

select
    la_code, visit_id, child_id, null::varchar as worker_id,
    visit_date, 'CLA' as visit_type, is_child_seen, is_seen_alone, _source_file, _row_number
from {{ ref('stg_ssd__cla_visits') }}
