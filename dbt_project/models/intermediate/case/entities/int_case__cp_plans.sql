{{ config(materialized='view') }}
-- Child protection plans, whatever the extract: native cp_plans.csv and the SSD's
-- ssd_cp_plans. The SSD carries no count of the child's earlier plans (CIN census
-- NumberOfPreviousCPP): for an SSD authority number_of_previous_cpp is null, and a
-- previous plan is one in the data only (int_cp_plan_history; docs/ssd.md).

select * from {{ ref('stg_case__cp_plans') }}

union all by name

select
    la_code,
    cp_plan_id,
    referral_id,
    child_id,
    start_date,
    end_date,
    initial_category,
    latest_category,
    null::integer as number_of_previous_cpp,
    _source_file,
    _row_number
from {{ ref('stg_ssd__cp_plans') }}
