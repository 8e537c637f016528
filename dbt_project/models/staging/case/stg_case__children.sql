with

source as (

    select * from {{ source('raw_case', 'children') }}

),

renamed as (

    select
        la_code,
        child_id,
        {{ parse_code('sex') }} as sex,
        {{ parse_date('birth_date') }} as birth_date,
        {{ parse_date('expected_birth_date') }} as expected_birth_date,
        {{ listed_code(parse_code('ethnicity'), 'ethnicity') }} as ethnicity,
        {{ parse_flag('disabled') }} as is_disabled,
        {{ parse_date('death_date') }} as death_date,
        _source_file,
        _row_number

    from source

)

select * from renamed
