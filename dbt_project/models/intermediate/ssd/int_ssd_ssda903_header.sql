-- SSDA903 header rows derived from an SSD: one per child with an SSD-derived episode
-- (int_ssd_ssda903_episodes), from ssd_person (person_id, sex, birth_date, ethnicity only),
-- in the extract's collection year. SEX is the SSDA903 code: 1 or M/MALE is 1, 2 or
-- F/FEMALE is 2, anything else is kept as given (the check "SEX valid for the year"
-- reports it). UPN, MOTHER and MC_DOB are not in the SSD tables the warehouse lands:
-- blank (no measure uses them). A child with episodes and no ssd_person row has no header
-- row: the check "child has a date of birth" reports the episodes.

{{ config(tags=['staging']) }}

with

children as (

    select distinct la_code, child_id
    from {{ ref('int_ssd_ssda903_episodes') }}

),

extracts as (

    select * from {{ ref('int_ssd_extract_dates') }}

),

person as (

    select * from {{ ref('stg_ssd__person') }}
    where person_id is not null

),

final as (

    select
        person.la_code,
        extracts.collection_year,
        person.person_id as child_id,
        case
            when upper(person.sex) in ('1', 'M', 'MALE') then '1'
            when upper(person.sex) in ('2', 'F', 'FEMALE') then '2'
            else upper(person.sex)
        end as sex,
        person.birth_date,
        {{ listed_code('upper(person.ethnicity)', 'ethnicity') }} as ethnicity,
        null::varchar as upn,
        null::varchar as mother,
        null::date as mother_child_birth_date,
        person._source_file,
        person._row_number
    from person
    inner join children on children.la_code = person.la_code and children.child_id = person.person_id
    inner join extracts on extracts.la_code = person.la_code

)

select * from final
