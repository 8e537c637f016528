with

source as (

    select * from {{ source('raw_finance', 'care_ladder_budget') }}

),

renamed as (

    select
        la_code,
        {{ parse_code('financial_year') }} as financial_year,
        {{ listed_code(parse_code('placement_category'), 'care_ladder_category') }} as placement_category,
        {{ parse_decimal('budgeted_children') }} as budgeted_children,
        {{ parse_decimal('budget_amount') }} as budget_amount,
        _source_file,
        _row_number

    from source

)

select * from renamed
