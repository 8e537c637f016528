-- A4 2018/19 evidence: children open at month end as CIN, CP, CLA or Dual (CP and CLA);
-- in the numerator when seen within their cohort's timescale. The cohort is kept for the
-- per-cohort rates (seed 003, 4.8).

with

children as (

    select * from {{ ref('int_children_seen_at_month_end') }}

),

final as (

    select
        la_code,
        'A4_v3' as definition_id,
        period_start,
        'child open at month end' as subject_type,
        child_id as subject_id,
        child_id,
        last_seen_date as event_date,
        cohort,
        coalesce(is_seen_in_timescale, false) as in_numerator
    from children

)

select * from final
