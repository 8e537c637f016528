with

source as (

    select * from {{ source('raw', 'ssda903_oc3') }}

),

-- Collection years combined: for each (CHILD) of an authority, the rows from
-- the latest collection year that has it win. Rows with no usable key (missing or
-- unreadable) are all kept, never silently dropped; duplicates within one year are kept
-- too and the unique_key_per_authority test reports them.
latest_collection_year as (

    select *
    from source
    qualify
        nullif("CHILD", '') is null
        or collection_year = max(collection_year) over (
            partition by la_code, "CHILD"
        )

),

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

    from latest_collection_year

)

select * from renamed
