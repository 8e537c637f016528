with

source as (

    select * from {{ source('raw_finance', 'ledger') }}

),

renamed as (

    select
        la_code,
        {{ parse_date('month') }} as month,
        {{ parse_code('cost_centre') }} as cost_centre,
        service_area,
        {{ listed_code(parse_code('category'), 'ledger_category') }} as category,
        funding_stream,
        {{ parse_decimal('budget') }} as budget,
        {{ parse_decimal('actual') }} as actual,
        {{ parse_decimal('forecast_outturn') }} as forecast_outturn,
        _source_file,
        _row_number

    from source

)

select * from renamed
