-- AD1 (adoption matches) the measures read, whatever the source: the SSDA903 files' AD1
-- (stg_ssda903__ad1), or, for an authority landing the SSD, the match its ssd_permanence
-- records (perm_matched_date; perm_adm_decision_date as DATE_INT, perm_adopted_by_carer_flag
-- as FOSTER_CARE), in the collection year of the match (docs/ssd.md, "The looked-after side").

with

native as (

    select
        la_code, collection_year, child_id, adoption_decision_date, adopter_match_date,
        is_adopted_by_foster_carer, _source_file, _row_number
    from {{ ref('stg_ssda903__ad1') }}

),

extracts as (

    select * from {{ ref('int_ssd_extract_dates') }}

),

ssd as (

    select
        permanence.la_code,
        least({{ ssda903_collection_year('permanence.matched_date') }}, extracts.collection_year) as collection_year,
        permanence.person_id as child_id,
        permanence.adm_decision_date as adoption_decision_date,
        permanence.matched_date as adopter_match_date,
        permanence.is_adopted_by_carer as is_adopted_by_foster_carer,
        permanence._source_file,
        permanence._row_number
    from {{ ref('stg_ssd__permanence') }} as permanence
    inner join extracts on extracts.la_code = permanence.la_code
    where permanence.matched_date is not null

),

final as (

    select * from native
    union all by name
    select * from ssd

)

select * from final
