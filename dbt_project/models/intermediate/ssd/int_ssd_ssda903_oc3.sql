-- SSDA903 OC3 (care leavers) rows derived from ssd_care_leavers: one per row, in the
-- collection year of its latest contact (clea_care_leaver_latest_contact: the contact the
-- in-touch, activity and accommodation describe), never later than the extract's own year.
-- An SSD that keeps only each care leaver's current row gives OC3 for the current year
-- only (docs/ssd.md says what that loses). IN_TOUCH and ACTIV as recorded; ACCOM is the
-- SSDA903 code: the accommodation as recorded when it is already a two-character code
-- (letter and suitability digit) or when no suitability is recorded, else its letter
-- followed by 1 (suitable: 1, Y, YES, SUITABLE) or 2 (unsuitable: 2, N, NO, UNSUITABLE).

{{ config(tags=['staging']) }}

with

leavers as (

    select * from {{ ref('stg_ssd__care_leavers') }}

),

person as (

    {{ ssd_person_birth_dates() }}

),

extracts as (

    select * from {{ ref('int_ssd_extract_dates') }}

),

final as (

    select
        leavers.la_code,
        {{ ssd_row_collection_year('leavers.latest_contact_date') }} as collection_year,
        leavers.person_id as child_id,
        person.birth_date,
        leavers.in_touch,
        leavers.activity,
        case
            when length(leavers.accommodation) = 2 or leavers.accommodation_suitable is null then leavers.accommodation
            when leavers.accommodation_suitable in ('1', 'Y', 'YES', 'SUITABLE') then leavers.accommodation || '1'
            when leavers.accommodation_suitable in ('2', 'N', 'NO', 'UNSUITABLE') then leavers.accommodation || '2'
            else leavers.accommodation
        end as accommodation,
        leavers._source_file,
        leavers._row_number
    from leavers
    inner join extracts on extracts.la_code = leavers.la_code
    left join person on person.la_code = leavers.la_code and person.person_id = leavers.person_id

)

select * from final
