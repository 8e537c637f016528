-- The funded establishment at each month end of the HR extract's coverage: posts
-- established on or before the month end and not disestablished before it (a post ending
-- on the last day of the month is still funded that day, as for staff records). A post
-- with no FTE counts as 1.

with

months as (

    select * from {{ ref('int_coverage_months') }}
    where source_family = 'workforce'

),

posts as (

    select * from {{ ref('stg_workforce__posts') }}
    where post_id is not null and start_date is not null

),

final as (

    select
        months.la_code,
        months.period_start,
        months.period_end,
        posts.post_id,
        posts.team,
        posts.job_title,
        coalesce(posts.is_frontline, false) as is_frontline,
        coalesce(posts.fte, 1)::double as fte
    from months
    inner join posts
        on posts.la_code = months.la_code
        and {{ open_at('posts.start_date', 'posts.end_date', 'months.period_end', open_on_end_day=true) }}

)

select * from final
