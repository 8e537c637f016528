-- Evidence of the adoption scorecard's timeliness measures (no target), from the rule
-- int_adoptions: one row per child adopted, in the month of the adoption (the day the
-- period of care ended with REC E11/E12), the days as the numerator amount; the measures
-- are averages over a rolling 36 months (indicator_definitions rolling_months 36), the
-- three years the national scorecard averages over.
--   OP_ADOPTION_A1  children placed for adoption before the order: days from entering care
--                   to moving in with the adoptive family (DfE scorecard A1)
--   OP_ADOPTION_A2  of those, children with a placement or freeing order and a match date:
--                   days from the order to the match, 0 when matched first (DfE scorecard A2)
-- A child whose history has an excluded episode in the period of care (int_adoptions
-- is_history_incomplete) is in neither measure; int_ssda903_children_left_out counts them.
-- Cohort: 'foster carer' when the child was placed for adoption with the current foster
-- carer (PLACE A3/A5), else 'new carers'.

with

adoptions as (

    select * from {{ ref('int_adoptions') }}

),

final as (

    select
        la_code,
        'OP_ADOPTION_A1' as definition_id,
        {{ dbt.date_trunc('month', "adopted_date") }}::date as period_start,
        'child adopted' as subject_type,
        child_id as subject_id,
        child_id,
        adopted_date as event_date,
        case when is_foster_carer_adoption then 'foster carer' else 'new carers' end as cohort,
        true as in_numerator,
        days_to_adoptive_family::decimal(38, 10) as numerator_amount,
        1::decimal(38, 10) as denominator_amount
    from adoptions
    where days_to_adoptive_family is not null and not is_history_incomplete

    union all

    select
        la_code, 'OP_ADOPTION_A2', {{ dbt.date_trunc('month', "adopted_date") }}::date, 'child adopted', child_id,
        child_id, adopted_date, case when is_foster_carer_adoption then 'foster carer' else 'new carers' end, true,
        days_to_match, 1
    from adoptions
    where days_to_match is not null and not is_history_incomplete

)

select * from final
