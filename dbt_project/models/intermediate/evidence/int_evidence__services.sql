-- Evidence of the services measures: workforce (C14, C15, C16, OP_ workforce), family
-- support (C17, C18), youth justice (F01, F02, F03) and finance (D17, D19). Each model
-- gives the evidence columns it has; the others are null. Amounts are DECIMAL(38, 10)
-- (macro union_evidence), so the finance amounts reach the evidence exact.

with

unioned as (

    {{ union_evidence([
        'int_evidence__c14', 'int_evidence__c15', 'int_evidence__c16', 'int_evidence__op_workforce',
        'int_evidence__c17_c18', 'int_evidence__f01', 'int_evidence__f02', 'int_evidence__f03',
        'int_evidence__d17', 'int_evidence__d19',
    ]) }}

),

final as (

    select
        la_code, definition_id, period_start, subject_type, subject_id, child_id, event_date, cohort,
        in_numerator, numerator_amount, denominator_amount
    from unioned

)

select * from final
