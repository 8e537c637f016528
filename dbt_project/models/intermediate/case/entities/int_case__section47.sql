{{ config(materialized='view') }}
-- Section 47 enquiries, whatever the extract: native section47.csv and the SSD's
-- ssd_s47_enquiry, whose initial child protection conference is a row of
-- ssd_initial_cp_conference naming the enquiry (icpc_s47_enquiry_id): icpc_date is the
-- earliest conference of the enquiry. The SSD has no "conference not required" item (its
-- outcome JSON differs by deployment): left null. No measure reads section 47 today.

with

conferences as (

    select la_code, s47_id, min(icpc_date) as icpc_date
    from {{ ref('stg_ssd__initial_cp_conference') }}
    where s47_id is not null
    group by la_code, s47_id

)

select * from {{ ref('stg_case__section47') }}

union all by name

select
    s47.la_code,
    s47.s47_id,
    s47.referral_id,
    s47.child_id,
    s47.start_date,
    conferences.icpc_date,
    null::boolean as is_icpc_not_required,
    s47._source_file,
    s47._row_number
from {{ ref('stg_ssd__s47_enquiry') }} as s47
left join conferences
    on conferences.la_code = s47.la_code and conferences.s47_id = s47.s47_id
