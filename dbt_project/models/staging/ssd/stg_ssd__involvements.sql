-- ssd_involvements: typed and renamed only (docs/ssd.md). Columns kept in raw only (names, UPNs,
-- references) are not selected.
with

source as (

    select * from {{ source('raw_ssd', 'ssd_involvements') }}

),

renamed as (

    select
        la_code,
        invo_involvements_id as involvement_id,
        invo_professional_id as professional_id,
        {{ parse_code('invo_professional_role_id') }} as professional_role_id,
        invo_professional_team as professional_team,
        invo_person_id as child_id,
        invo_referral_id as referral_id,
        {{ parse_date('invo_involvement_start_date', with_time=true) }} as start_date,
        {{ parse_date('invo_involvement_end_date', with_time=true) }} as end_date,
        {{ parse_code('invo_worker_change_reason') }} as worker_change_reason,
        _source_file,
        _row_number

    from source

)

select * from renamed
