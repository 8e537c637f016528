-- Rule: temporary placements are not moves. One row per episode of int_care_periods, saying
-- whether it is a temporary placement (PLACE T0-T4: seed ssda903_codes category temporary)
-- or the return to the normal placement after one.
--   is_temporary               the episode's placement is temporary (hospital, holiday, a
--                              foster carer's holiday, other short absences)
--   is_return_from_temporary   the episode follows one or more temporary episodes of the same
--                              period of care and goes back to the placement the child had
--                              before them: same PLACE and PLACE_PROVIDER, and the same URN
--                              where both episodes record one. Going on to a different
--                              placement after a temporary one is a move.

with

episodes as (

    select * from {{ ref('int_care_periods') }}

),

sequenced as (

    select
        *,
        placement_category = 'temporary' as is_temporary,
        row_number() over (partition by la_code, child_id order by start_date) as episode_number
    from episodes

),

-- the last episode before this one, in the same period of care, that was not temporary
with_normal as (

    select
        *,
        lag(is_temporary) over (
            partition by la_code, child_id, period_number order by start_date
        ) as previous_is_temporary,
        max(case when not is_temporary then episode_number end) over (
            partition by la_code, child_id, period_number order by start_date
            rows between unbounded preceding and 1 preceding
        ) as normal_episode_number
    from sequenced

),

final as (

    select
        with_normal.la_code,
        with_normal.child_id,
        with_normal.start_date,
        with_normal.end_date,
        with_normal.period_number,
        with_normal.episode_number,
        with_normal.placement_type,
        with_normal.placement_provider,
        with_normal.urn,
        with_normal.is_temporary,
        coalesce(
            not with_normal.is_temporary
            and with_normal.previous_is_temporary
            and normal.placement_type = with_normal.placement_type
            and normal.placement_provider is not distinct from with_normal.placement_provider
            and (normal.urn is null or with_normal.urn is null or normal.urn = with_normal.urn),
            false
        ) as is_return_from_temporary
    from with_normal
    left join sequenced as normal
        on normal.la_code = with_normal.la_code
        and normal.child_id = with_normal.child_id
        and normal.episode_number = with_normal.normal_episode_number

)

select * from final
