-- Evidence of children ceasing a child protection plan (no target). Seed 003:83: "Of the
-- 139 ceasing to be on a plan in the quarter, only 8 (6%) became looked after."
--   OP_CPP_CEASED               CP plans ending in the month (end date in it), one row per
--                               plan: a child whose two plans end in one quarter counts twice
--                               (the paper counts plans ceasing as children; a child has one
--                               plan at a time)
--   OP_CPP_CEASED_LOOKED_AFTER  the same plans; in the numerator when the child "became looked
--                               after": a period of care (int_care_periods, SSDA903) started on
--                               or after the plan's start and no later than the day after the
--                               plan ended (a plan usually ends the day care starts, or at the
--                               next conference after it). Reading (indicator_readings
--                               "CP plans ceasing: became looked after"): a child already looked
--                               after when the plan started does not "become" looked after; a
--                               child taken into care later than the day after is a new event.
--                               Alternative: looked after on the day after the plan ended.
--                               Needs both families (case+placement): the plan's child_id is the
--                               SSDA903 CHILD, as everywhere the two are joined.
--                               A plan whose child has an episode excluded for a DfE rule
--                               (int_ssda903_episode_checks) starting in that window, and no
--                               period of care starting in it, cannot be told either way: it is
--                               left out of OP_CPP_CEASED_LOOKED_AFTER (numerator and denominator),
--                               stays in OP_CPP_CEASED with cohort unknown, and is counted by the
--                               quality gate (int_ssda903_children_left_out).
-- Cohort: looked after / not looked after / unknown.

with

plans as (

    select * from {{ ref('int_case__cp_plans') }}
    where end_date is not null

),

care_starts as (

    select distinct la_code, child_id, period_start_date as start_date, false as is_excluded
    from {{ ref('int_care_periods') }}

    union

    select distinct la_code, child_id, start_date, true
    from {{ ref('int_ssda903_episode_checks') }}
    where is_excluded and child_id is not null and start_date is not null

),

starts_in_window as (

    select
        plans.la_code,
        plans.cp_plan_id,
        bool_or(not care_starts.is_excluded) as became_looked_after,
        bool_or(care_starts.is_excluded) as excluded_episode_in_window
    from plans
    inner join care_starts
        on care_starts.la_code = plans.la_code
        and care_starts.child_id = plans.child_id
        and care_starts.start_date >= plans.start_date
        and care_starts.start_date <= plans.end_date + 1
    group by plans.la_code, plans.cp_plan_id

),

flagged as (

    select
        plans.la_code,
        plans.cp_plan_id,
        plans.child_id,
        plans.end_date,
        coalesce(starts_in_window.became_looked_after, false) as became_looked_after,
        not coalesce(starts_in_window.became_looked_after, false)
            and coalesce(starts_in_window.excluded_episode_in_window, false) as is_unknown
    from plans
    left join starts_in_window
        on starts_in_window.la_code = plans.la_code and starts_in_window.cp_plan_id = plans.cp_plan_id

),

final as (

    select
        la_code,
        'OP_CPP_CEASED' as definition_id,
        {{ dbt.date_trunc('month', "end_date") }}::date as period_start,
        'child protection plan' as subject_type,
        cp_plan_id as subject_id,
        child_id,
        end_date as event_date,
        case
            when became_looked_after then 'looked after'
            when is_unknown then 'unknown'
            else 'not looked after'
        end as cohort,
        true as in_numerator
    from flagged

    union all

    select
        la_code, 'OP_CPP_CEASED_LOOKED_AFTER', {{ dbt.date_trunc('month', "end_date") }}::date,
        'child protection plan', cp_plan_id, child_id, end_date,
        case when became_looked_after then 'looked after' else 'not looked after' end, became_looked_after
    from flagged
    where not is_unknown

)

select * from final
