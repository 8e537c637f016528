{{ config(materialized='view') }}
-- Child in need plans, whatever the extract: native cin_plans.csv and the SSD's ssd_cin_plans.

select * from {{ ref('stg_case__cin_plans') }}

union all by name

select
    la_code,
    cin_plan_id,
    referral_id,
    child_id,
    start_date,
    end_date,
    _source_file,
    _row_number
from {{ ref('stg_ssd__cin_plans') }}
