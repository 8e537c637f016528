with

source as (

    select * from {{ source('raw_reference', 'population') }}

),

renamed as (

    select
        la_code,
        {{ parse_integer('year') }} as year,
        {{ parse_integer('age') }} as age,
        {{ parse_integer('population') }} as population,
        _source_file,
        _row_number

    from source

)

select * from renamed
