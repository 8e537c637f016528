-- The funded establishment at each month end of the HR extract's coverage: posts
-- established on or before the month end and not disestablished before it (a post ending
-- on the last day of the month is still funded that day, as for staff records). A post
-- with no FTE counts as 1.

with

months as (

    select * from {{ ref('int_coverage_months') }}
    where source_family = 'workforce'

),

coverage as (

    {{ coverage_bounds('workforce') }}

),

posts as (

    select * from {{ ref('stg_workforce__posts') }}
    where post_id is not null and start_date is not null

),

post_months as (

    -- each post's months in force (macro month_starts_open: the open_at rule per post)
    select
        posts.*,
        cast(in_force.month_start as date) as period_start
    from posts
    {{ join_months_open('posts', 'start_date', 'end_date', 'in_force', open_on_end_day=true) }}

),

final as (

    select
        months.la_code,
        months.period_start,
        months.period_end,
        post_months.post_id,
        post_months.team,
        post_months.job_title,
        coalesce(post_months.is_frontline, false) as is_frontline,
        coalesce(post_months.fte, 1)::double as fte
    from post_months
    inner join months
        on months.la_code = post_months.la_code
        and months.period_start = post_months.period_start

)

select * from final
