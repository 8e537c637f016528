-- Child-level evidence for every indicator: one row per record in a definition's
-- denominator, in the month it counts in, flagged when it is in the numerator too; only
-- the months behind a reported figure (int_evidence_windows).
-- For rolling definitions a month's figure covers the evidence of the months in its
-- window (see indicator_definitions.rolling_months). numerator_amount and
-- denominator_amount are what the row adds (1 and in_numerator unless the measure is an
-- average or a sum, such as a caseload or weeks of proceedings).

with

unioned as (

    -- the evidence columns every int_evidence__ model may give (absent ones are null)
    {{ evidence_columns() }}
    union all by name

    {% set evidence_models = [
        'int_evidence__a1', 'int_evidence__a2', 'int_evidence__a3', 'int_evidence__a4_v1',
        'int_evidence__a4_v2', 'int_evidence__a4_v3', 'int_evidence__a5', 'int_evidence__a6',
        'int_evidence__a7', 'int_evidence__a8', 'int_evidence__operational_case',
        'int_evidence__children_in_care', 'int_evidence__services',
    ] %}
    {% for model in evidence_models %}
    select * from {{ ref(model) }}
    {% if not loop.last %}union all by name{% endif %}
    {% endfor %}

),

definitions as (

    select definition_id, indicator_code from {{ ref('indicator_definitions') }}

),

windows as (

    select * from {{ ref('int_evidence_windows') }}

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
        unioned.cohort,
        unioned.in_numerator,
        coalesce(unioned.numerator_amount, case when unioned.in_numerator then 1 else 0 end)::double
            as numerator_amount,
        coalesce(unioned.denominator_amount, 1)::double as denominator_amount
    from unioned
    inner join definitions on definitions.definition_id = unioned.definition_id
    inner join windows
        on windows.la_code = unioned.la_code
        and windows.definition_id = unioned.definition_id
        and unioned.period_start between windows.first_month and windows.last_month

)

select * from final
