-- SSDA903 placed-for-adoption rows derived from ssd_permanence: one per row with a
-- decision that the child should be placed for adoption (perm_adm_decision_date =
-- DATE_PLACED; rows without one record other permanence and are not adoption decisions).
-- DATE_PLACED_CEASED is the date the decision was reversed, else the permanence (adoption)
-- order's date; REASON_PLACED_CEASED the reversal reason (RD1-RD4) when reversed, else the
-- order type as recorded (E11/E12 when the SSD holds the SSDA903 code). Collection year:
-- that of the ceased date, or the extract's own year while open.

{{ config(tags=['staging']) }}

with

permanence as (

    select * from {{ ref('stg_ssd__permanence') }}
    where adm_decision_date is not null

),

person as (

    {{ ssd_person_birth_dates() }}

),

extracts as (

    select * from {{ ref('int_ssd_extract_dates') }}

),

final as (

    select
        permanence.la_code,
        {{ ssd_row_collection_year('coalesce(permanence.decision_reversed_date, permanence.permanence_order_date)') }} as collection_year,
        permanence.person_id as child_id,
        person.birth_date,
        permanence.adm_decision_date as placed_date,
        coalesce(permanence.decision_reversed_date, permanence.permanence_order_date) as placed_ceased_date,
        case
            when permanence.decision_reversed_date is not null then permanence.decision_reversed_reason
            when permanence.permanence_order_date is not null then permanence.permanence_order_type
        end as reason_placed_ceased,
        permanence._source_file,
        permanence._row_number
    from permanence
    inner join extracts on extracts.la_code = permanence.la_code
    left join person on person.la_code = permanence.la_code and person.person_id = permanence.person_id

)

select * from final
