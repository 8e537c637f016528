-- Rule: children adopted from care and the dates of the national adoption scorecard (DfE,
-- "Adoption scorecards: methodology and guidance": A1 "average time between a child entering
-- care and moving in with its adoptive family, for children who have been adopted", A2
-- "average time between a local authority receiving court authority to place a child and the
-- local authority deciding on a match to an adoptive family"; seed 002:1739 and 002:2292 report
-- A1 as "Time taken from child entering care to being placed with adopters" / "Child
-- Timeliness"). One row per period of care (int_care_periods) that ended in adoption: its last
-- episode ceased with REC E11/E12 (seed ssda903_codes category adopted). Dates:
--   entered_care_date       the start of the period of care that ended in adoption
--   placed_for_adoption_date the start of its first episode placed for adoption (PLACE A3-A6:
--                           the day the child moved in with the adoptive family; for an adoption
--                           by the foster carer, A3/A5, the day the placement became one for
--                           adoption, as A1 counts it: DfE's A10 would count from the start of
--                           the foster placement instead)
--   placement_order_date    the start of its first episode under a placement or freeing order
--                           (LS E1/D1, category placement_order): court authority to place
--   match_date              AD1 DATE_MATCH of the child (int_cla__ad1, native or SSD: the latest
--                           match date of the child's AD1 rows)
--   days_to_adoptive_family A1: placed_for_adoption_date - entered_care_date (calendar days);
--                           null when the child was not placed for adoption before the order
--   days_to_match           A2: match_date - placement_order_date, 0 when matched before the
--                           order (DfE: "a time of zero is assigned"); null when not placed for
--                           adoption, without a placement or freeing order (DfE: excluded), or
--                           without a match date (reported: check "adopted child has an AD1 match date")
--   is_history_incomplete   an episode of the child excluded for a DfE rule (int_ssda903_episode_checks)
--                           overlaps the period (starts by the adoption, ends or is open on or after
--                           its start): when care began or the order came cannot be told, so the
--                           measures leave the child out (int_ssda903_children_left_out counts them)

with

episodes as (

    select * from {{ ref('int_care_periods') }}

),

excluded as (

    select la_code, child_id, start_date, end_date
    from {{ ref('int_ssda903_episode_checks') }}
    where is_excluded and child_id is not null and start_date is not null

),

ad1 as (

    select la_code, child_id, max(adopter_match_date) as match_date
    from {{ ref('int_cla__ad1') }}
    where child_id is not null
    group by la_code, child_id

),

periods as (

    select
        la_code,
        child_id,
        period_number,
        any_value(period_start_date) as entered_care_date,
        any_value(period_end_date) as adopted_date,
        arg_max(reason_ceased_category, start_date) as last_reason_ceased_category,
        min(start_date) filter (
            where placement_category in ('placed_for_adoption', 'placed_for_adoption_current_carer')
        ) as placed_for_adoption_date,
        min(start_date) filter (where legal_status_category = 'placement_order') as placement_order_date,
        arg_min(placement_category, start_date) filter (
            where placement_category in ('placed_for_adoption', 'placed_for_adoption_current_carer')
        ) = 'placed_for_adoption_current_carer' as is_foster_carer_adoption
    from episodes
    group by la_code, child_id, period_number

),

final as (

    select
        periods.la_code,
        periods.child_id,
        periods.period_number,
        periods.entered_care_date,
        periods.adopted_date,
        periods.placed_for_adoption_date,
        periods.placement_order_date,
        coalesce(periods.is_foster_carer_adoption, false) as is_foster_carer_adoption,
        ad1.match_date,
        periods.placed_for_adoption_date - periods.entered_care_date as days_to_adoptive_family,
        case
            when periods.placed_for_adoption_date is not null and periods.placement_order_date is not null
                and ad1.match_date is not null
                then greatest(ad1.match_date - periods.placement_order_date, 0)
        end as days_to_match,
        periods.placed_for_adoption_date is not null and periods.placement_order_date is not null
            and ad1.match_date is null as is_missing_match_date,
        exists (
            select 1 from excluded
            where excluded.la_code = periods.la_code
                and excluded.child_id = periods.child_id
                and excluded.start_date <= periods.adopted_date
                and coalesce(excluded.end_date, periods.adopted_date) >= periods.entered_care_date
        ) as is_history_incomplete
    from periods
    left join ad1 on ad1.la_code = periods.la_code and ad1.child_id = periods.child_id
    where periods.last_reason_ceased_category = 'adopted' and periods.adopted_date is not null

)

select * from final
