-- Children looked after at each month end: an episode that started on or before the
-- month end and had not ceased by it. One row per child, the episode open at month end,
-- with the start of its period of care and the code categories of seed ssda903_codes.
-- Short breaks (LS V3/V4) are included here; the measures that leave them out say so.
--
-- A child is looked after whatever rule their episodes break: the episodes excluded from the
-- history (int_ssda903_episode_checks: overlapping, duplicated, codes not of the year) still
-- say the child was looked after from DECOM until DEC, so they count here, marked
-- is_excluded_episode, with no period of care. Only rows that cannot be placed in time are
-- in no month: CHILD or DECOM missing, or DEC before DECOM (the episode covers no day);
-- the checks report them. When several episodes are open at a month end, the one shown is
-- an episode of the history (not excluded) if there is one, then one that is not a short
-- break (a child in full-time care is not on a short break because a conflicting record
-- says so), then the latest started.
-- Each episode's months are generated (macro month_starts_open, the rule of macro open_at),
-- not joined to every month.
-- The measures that need the history (B9, B10) or the month-end placement (in-house foster,
-- out of authority) leave out a child whose month-end episode is excluded, and say how many
-- (int_ssda903_children_left_out).

with

coverage as (

    {{ coverage_bounds('placement') }}

),

history as (

    select
        la_code,
        child_id,
        start_date,
        end_date,
        period_start_date,
        period_number,
        legal_status,
        placement_type,
        placement_provider,
        legal_status_category,
        placement_category,
        provider_category,
        false as is_excluded_episode
    from {{ ref('int_care_periods') }}

),

excluded as (

    select
        la_code,
        child_id,
        start_date,
        end_date,
        null::date as period_start_date,
        null::bigint as period_number,
        legal_status,
        placement_type,
        placement_provider,
        legal_status_category,
        placement_category,
        provider_category,
        true as is_excluded_episode
    from {{ ref('int_ssda903_episode_checks') }}
    where is_excluded
        and child_id is not null
        and start_date is not null
        and not ends_before_start

),

episodes as (

    select * from history
    union all
    select * from excluded

),

episode_months as (

    select
        episodes.*,
        cast(months.month_start as date) as period_start
    from episodes
    {{ join_months_open('episodes', 'start_date', 'end_date', 'months') }}

),

final as (

    select
        episodes.la_code,
        episodes.period_start,
        {{ dbt.last_day('episodes.period_start', 'month') }} as period_end,
        episodes.child_id,
        episodes.start_date as episode_start_date,
        episodes.period_start_date,
        episodes.legal_status,
        episodes.placement_type,
        episodes.placement_provider,
        episodes.period_number,
        episodes.legal_status_category,
        episodes.placement_category,
        episodes.provider_category,
        episodes.is_excluded_episode
    from episode_months as episodes
    qualify row_number() over (
        partition by episodes.la_code, episodes.period_start, episodes.child_id
        order by
            episodes.is_excluded_episode,
            episodes.legal_status_category is not distinct from 'short_breaks',
            episodes.start_date desc
    ) = 1

)

select * from final
