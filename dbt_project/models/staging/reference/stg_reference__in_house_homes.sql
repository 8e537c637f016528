with

source as (

    select * from {{ source('raw_reference', 'in_house_homes') }}

),

renamed as (

    select
        la_code,
        home_id,
        {{ parse_date('valid_from') }} as valid_from,
        {{ parse_date('valid_to') }} as valid_to,
        {{ parse_integer('places') }} as places,
        _source_file,
        _row_number

    from source

)

select * from renamed
