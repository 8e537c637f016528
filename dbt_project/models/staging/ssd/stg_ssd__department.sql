-- ssd_department: typed and renamed only (docs/ssd.md). Columns kept in raw only (names, UPNs,
-- references) are not selected.
with

source as (

    select * from {{ source('raw_ssd', 'ssd_department') }}

),

renamed as (

    select
        la_code,
        dept_team_id as team_id,
        dept_team_name as team_name,
        dept_team_parent_id as team_parent_id,
        dept_team_parent_name as team_parent_name,
        _source_file,
        _row_number

    from source

)

select * from renamed
