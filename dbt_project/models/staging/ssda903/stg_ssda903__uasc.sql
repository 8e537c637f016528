with

source as (

    select * from {{ source('raw', 'ssda903_uasc') }}

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
        upper({{ parse_code('"SEX"') }}) as sex,
        {{ parse_date('"DOB"') }} as birth_date,
        {{ parse_date('"DUC"') }} as uasc_ceased_date,
        _source_file,
        _row_number

    from latest_collection_year

)

select * from renamed
