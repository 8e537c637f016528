{{ config(materialized='view') }}
-- Single assessments, whatever the extract: native assessments.csv and the SSD's
-- ssd_cin_assessments (start = cina_assessment_start_date, authorised =
-- cina_assessment_auth_date).

select * from {{ ref('stg_case__assessments') }}

union all by name

select
    la_code,
    assessment_id,
    referral_id,
    child_id,
    start_date,
    authorisation_date,
    is_child_seen,
    _source_file,
    _row_number
from {{ ref('stg_ssd__cin_assessments') }}
