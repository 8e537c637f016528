with

source as (

    select * from {{ source('raw_finance', 'balance_sheet') }}

),

renamed as (

    select
        la_code,
        {{ parse_date('month_end') }} as month_end,
        {{ parse_decimal('cash') }} as cash,
        {{ parse_decimal('current_assets') }} as current_assets,
        {{ parse_decimal('current_liabilities') }} as current_liabilities,
        _source_file,
        _row_number

    from source

)

select * from renamed
