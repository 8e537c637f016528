-- indicator_values for sharing outside the Trust: a value built on a count of 1 to 5
-- (its numerator, or its denominator unless that is a population) is suppressed:
-- numerator, denominator and value are null and is_suppressed is true. Money and
-- ratio measures count no one and are never suppressed. The quarterly report reads
-- this table.

with

flagged as (

    select
        *,
        unit not in ('gbp', 'ratio') and (
            {{ is_small_count('numerator') }}
            or (unit <> 'rate' and {{ is_small_count('denominator') }})
        ) as is_suppressed
    from {{ ref('indicator_values') }}

),

final as (

    select
        * replace (
            case when is_suppressed then null else numerator end as numerator,
            case when is_suppressed then null else denominator end as denominator,
            case when is_suppressed then null else value end as value
        )
    from flagged

)

select * from final
