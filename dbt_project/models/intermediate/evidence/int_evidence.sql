-- Every evidence row behind a reported figure, with source identifiers: the union of
-- the int_evidence__ models (views), in the months of int_evidence_windows. A table of
-- the private build file, read by int_evidence_pseudonyms, int_indicator_values and
-- marts.indicator_evidence: computed in the same query as the pseudonyms' join, the
-- evidence models' own joins and that join ran out of memory at 150 authorities (6 GB).

{{ config(materialized='table') }}

with

unioned as (

    {{ union_evidence([
        'int_evidence__a1', 'int_evidence__a2', 'int_evidence__a3', 'int_evidence__a4_v1',
        'int_evidence__a4_v2', 'int_evidence__a4_v3', 'int_evidence__a5', 'int_evidence__a6',
        'int_evidence__a7', 'int_evidence__a8', 'int_evidence__operational_case',
        'int_evidence__children_in_care', 'int_evidence__services', 'int_evidence__op_cp_ceased',
    ]) }}

),

windows as (

    select * from {{ ref('int_evidence_windows') }}

),

final as (

    select
        unioned.* replace (
            -- what the row adds: 1 and in_numerator unless the measure is an average or a sum;
            -- DECIMAL(38, 10) as union_evidence gives it, so money is summed exactly
            coalesce(unioned.numerator_amount, case when unioned.in_numerator then 1 else 0 end)::decimal(38, 10)
                as numerator_amount,
            coalesce(unioned.denominator_amount, 1)::decimal(38, 10) as denominator_amount
        )
    from unioned
    inner join windows
        on windows.la_code = unioned.la_code
        and windows.definition_id = unioned.definition_id
        and unioned.period_start between windows.first_month and windows.last_month

)

select * from final
