-- ssd_permanence.csv as the authority's SSD holds it (every authority, one row per source row):
-- typed and renamed only. The SSDA903-shaped history is derived from it in the
-- int_ssd_ssda903_* models (docs/ssd.md, "The looked-after side").

with

source as (

    select * from {{ source('raw_ssd', 'ssd_permanence') }}

),

renamed as (

    select
        la_code,
        "perm_table_id" as permanence_id,
        "perm_person_id" as person_id,
        {{ parse_date('"perm_adm_decision_date"', with_time=true) }} as adm_decision_date,
        {{ parse_date('"perm_ffa_cp_decision_date"', with_time=true) }} as ffa_cp_decision_date,
        {{ parse_date('"perm_placement_order_date"', with_time=true) }} as placement_order_date,
        {{ parse_date('"perm_placed_for_adoption_date"', with_time=true) }} as placed_for_adoption_date,
        {{ parse_date('"perm_matched_date"', with_time=true) }} as matched_date,
        {{ parse_date('"perm_placed_ffa_cp_date"', with_time=true) }} as placed_ffa_cp_date,
        {{ parse_date('"perm_decision_reversed_date"', with_time=true) }} as decision_reversed_date,
        {{ parse_date('"perm_placed_foster_carer_date"', with_time=true) }} as placed_foster_carer_date,
        upper({{ parse_code('"perm_part_of_sibling_group"') }}) as part_of_sibling_group,
        {{ parse_integer('"perm_siblings_placed_together"') }} as siblings_placed_together,
        {{ parse_integer('"perm_siblings_placed_apart"') }} as siblings_placed_apart,
        "perm_placement_provider_urn" as placement_provider_urn,
        upper({{ parse_code('"perm_decision_reversed_reason"') }}) as decision_reversed_reason,
        {{ parse_date('"perm_permanence_order_date"', with_time=true) }} as permanence_order_date,
        upper({{ parse_code('"perm_permanence_order_type"') }}) as permanence_order_type,
        {{ parse_flag('"perm_adopted_by_carer_flag"') }} as is_adopted_by_carer,
        "perm_cla_id" as cla_id,
        "perm_adoption_worker_id" as adoption_worker_id,
        upper({{ parse_code('"perm_adopter_sex"') }}) as adopter_sex,
        upper({{ parse_code('"perm_adopter_legal_status"') }}) as adopter_legal_status,
        upper({{ parse_code('"perm_number_of_adopters"') }}) as number_of_adopters,
        _loaded_at,
        _source_file,
        _row_number

    from source

)

select * from renamed
