-- Child-level evidence for every indicator: one row per record in a definition's
-- denominator, in the month it counts in, flagged when it is in the numerator too.
-- For rolling definitions a month's figure covers the evidence of the months in its
-- window (see indicator_definitions.rolling_months).

with

unioned as (

    select * from {{ ref('int_evidence__a1') }}
    union all by name
    select * from {{ ref('int_evidence__a2') }}

),

definitions as (

    select definition_id, indicator_code from {{ ref('indicator_definitions') }}

),

final as (

    select
        unioned.la_code,
        definitions.indicator_code,
        unioned.definition_id,
        unioned.period_start,
        last_day(unioned.period_start) as period_end,
        unioned.subject_type,
        unioned.subject_id,
        unioned.child_id,
        unioned.event_date,
        unioned.in_numerator
    from unioned
    inner join definitions on definitions.definition_id = unioned.definition_id

)

select * from final
