-- Evidence of the in-house provision measures (no target), from the optional files a
-- performance officer or the fostering service supplies; seed 003:89: "occupancy of our
-- in-house residential properties remains high at 90%. There were a further 22 foster carer
-- approvals in the quarter." Measured only for an authority supplying the file
-- (int_family_coverage: families foster_carer_approvals and in_house_homes), absent otherwise.
--   OP_FOSTER_APPROVALS        foster carer households approved in the month (approval_date),
--                              one row per approval (case/foster_carer_approvals.csv)
--   OP_IN_HOUSE_RES_OCCUPANCY  at the month end: children looked after (not on short breaks)
--                              whose placement is in the care ladder category
--                              internal_residential (seed placement_category_map: PLACE K1/K2
--                              with PLACE_PROVIDER PR1, the authority's own homes; macro
--                              care_ladder_category) add 1 to the numerator; each in-house home's
--                              places in force on the month end (reference/in_house_homes.csv:
--                              valid_from <= month end <= valid_to, its last day included) add
--                              to the denominator. A month-end snapshot of beds filled, as the
--                              paper's "remains high at 90%"; the alternative, nights occupied
--                              over nights available in the period, needs the same data.
--                              Children of other authorities placed in the homes are not in the
--                              SSDA903 return and are not counted. A child whose month-end
--                              episode is excluded (a DfE rule broken) is left out and reported
--                              (int_ssda903_children_left_out), as for OP_CLA_IN_HOUSE_FOSTER.

with

approvals as (

    select * from {{ ref('stg_case__foster_carer_approvals') }}
    where approval_date is not null

),

homes as (

    select * from {{ ref('stg_reference__in_house_homes') }}
    where valid_from is not null and places is not null

),

months as (

    select * from {{ ref('int_coverage_months') }}
    where source_family = 'in_house_homes'

),

looked_after as (

    select * from {{ ref('int_looked_after_at_month_end') }}
    where legal_status_category is distinct from 'short_breaks'
        and not is_excluded_episode
        and la_code in (select la_code from homes)

),

final as (

    select
        la_code,
        'OP_FOSTER_APPROVALS' as definition_id,
        {{ dbt.date_trunc('month', "approval_date") }}::date as period_start,
        'foster carer approval' as subject_type,
        approval_id as subject_id,
        null::varchar as child_id,
        approval_date as event_date,
        carer_type as cohort,
        true as in_numerator,
        null::decimal(38, 10) as numerator_amount,
        null::decimal(38, 10) as denominator_amount
    from approvals

    union all

    select
        months.la_code, 'OP_IN_HOUSE_RES_OCCUPANCY', months.period_start, 'in-house home places', homes.home_id,
        null, homes.valid_from, 'places', false, 0, homes.places
    from months
    inner join homes
        on homes.la_code = months.la_code
        and {{ open_at('homes.valid_from', 'homes.valid_to', 'months.period_end', open_on_end_day=true) }}

    union all

    select
        la_code, 'OP_IN_HOUSE_RES_OCCUPANCY', period_start, 'child looked after', child_id, child_id,
        episode_start_date, placement_type, true, 1, 0
    from looked_after
    where {{ care_ladder_category('placement_type', 'placement_provider') }} = 'internal_residential'

)

select * from final
