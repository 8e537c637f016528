with

source as (

    select * from {{ source('raw_placement', 'ssda903_oc3') }}

),

-- OC3 is a record per birthday: a care leaver has one row in the collection year of
-- each of their 19th, 20th and 21st birthdays, so every year's rows are kept (key
-- child_id and collection_year). Duplicates within one year are kept too and the
-- quality check "keys unique" reports them.

renamed as (

    select
        la_code,
        collection_year,
        "CHILD" as child_id,
        {{ parse_date('"DOB"') }} as birth_date,
        upper({{ parse_code('"IN_TOUCH"') }}) as in_touch,
        upper({{ parse_code('"ACTIV"') }}) as activity,
        upper({{ parse_code('"ACCOM"') }}) as accommodation,
        _source_file,
        _row_number

    from source

)

select * from renamed
