with

source as (

    select * from {{ source('raw_finance', 'placement_unit_costs') }}

),

renamed as (

    select
        la_code,
        {{ listed_code(parse_code('placement_category'), 'care_ladder_category') }} as placement_category,
        {{ parse_date('valid_from') }} as valid_from,
        {{ parse_decimal('weekly_cost') }} as weekly_cost,
        _source_file,
        _row_number

    from source

)

select * from renamed
