-- C14 evidence: workers in frontline roles in post at month end (the staff record in force
-- on the month end; the later-starting one if two are), each adding its FTE to the
-- denominator and, for an agency worker, to the numerator. A worker who was agency for
-- part of the month counts as what the record in force on the month end says (snapshot,
-- not pro-rated). The cohort says agency or employed.

with

in_post as (

    select * from {{ ref('int_staff_in_post_at_month_end') }}
    where is_frontline

),

final as (

    select
        la_code,
        'C14_v1' as definition_id,
        period_start,
        'worker' as subject_type,
        worker_id as subject_id,
        null::varchar as child_id,
        start_date as event_date,
        case when is_agency_worker then 'agency' else 'employed' end as cohort,
        is_agency_worker as in_numerator,
        case when is_agency_worker then fte else 0 end as numerator_amount,
        fte as denominator_amount
    from in_post

)

select * from final
