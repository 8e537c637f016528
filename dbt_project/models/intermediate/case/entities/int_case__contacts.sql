{{ config(materialized='view') }}
-- Contacts, whatever the extract: native contacts.csv and the SSD's ssd_contacts. The SSD
-- writes the outcome as a JSON document (cont_contact_outcome_json) whose keys differ by
-- deployment: no measure reads the outcome, so it is left null for the SSD (docs/ssd.md).

select * from {{ ref('stg_case__contacts') }}

union all by name

select
    la_code,
    contact_id,
    child_id,
    contact_date,
    contact_source,
    null::varchar as outcome,
    _source_file,
    _row_number
from {{ ref('stg_ssd__contacts') }}
