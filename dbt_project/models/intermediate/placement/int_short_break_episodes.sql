-- Rule: children looked after under an agreed series of short breaks are left out of the
-- stability measures. One row per episode of int_care_periods with a short-break legal
-- status (LS V3 or V4: seed ssda903_codes category short_breaks). B9 leaves out a child with
-- any such episode in the 2.5 years to the month end, B10 a child in such an episode at the
-- month end, and neither counts these episodes as placements (int_carer_spells); OP_CLA does
-- not count a child whose month-end episode is one; a care leaver whose every episode is one
-- is not a care leaver.

with

episodes as (

    select * from {{ ref('int_care_periods') }}

),

final as (

    select
        la_code,
        child_id,
        start_date,
        end_date,
        period_number,
        legal_status
    from episodes
    where legal_status_category = 'short_breaks'

)

select * from final
