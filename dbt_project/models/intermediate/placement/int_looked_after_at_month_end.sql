-- Children looked after at each month end: an episode that started on or before the
-- month end and had not ceased by it. One row per child, the episode open at month end,
-- with the start of its period of care and the code categories of seed ssda903_codes.
-- Short breaks (LS V3/V4) are included here; the measures that leave them out say so.

with

months as (

    select * from {{ ref('int_coverage_months') }}
    where source_family = 'placement'

),

episodes as (

    select * from {{ ref('int_care_periods') }}

),

final as (

    select
        months.la_code,
        months.period_start,
        months.period_end,
        episodes.child_id,
        episodes.start_date as episode_start_date,
        episodes.period_start_date,
        episodes.legal_status,
        episodes.placement_type,
        episodes.placement_provider,
        episodes.period_number,
        episodes.legal_status_category,
        episodes.placement_category,
        episodes.provider_category
    from months
    inner join episodes
        on episodes.la_code = months.la_code
        and episodes.start_date <= months.period_end
        and (episodes.end_date is null or episodes.end_date > months.period_end)
    qualify row_number() over (
        partition by months.la_code, months.period_start, episodes.child_id order by episodes.start_date desc
    ) = 1

)

select * from final
