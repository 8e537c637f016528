with

source as (

    select * from {{ source('raw', 'ssda903_missing') }}

),

-- Collection years combined: for each (CHILD, MIS_START) of an authority, the rows from
-- the latest collection year that has it win. Rows with no usable key (missing or
-- unreadable) are all kept, never silently dropped; duplicates within one year are kept
-- too and the unique_key_per_authority test reports them.
latest_collection_year as (

    select *
    from source
    qualify
        nullif("CHILD", '') is null
        or {{ parse_date('"MIS_START"') }} is null
        or collection_year = max(collection_year) over (
            partition by la_code, "CHILD", {{ parse_date('"MIS_START"') }}
        )

),

renamed as (

    select
        la_code,
        collection_year,
        "CHILD" as child_id,
        {{ parse_date('"DOB"') }} as birth_date,
        upper({{ parse_code('"MISSING"') }}) as missing_type,
        {{ parse_date('"MIS_START"') }} as missing_start_date,
        {{ parse_date('"MIS_END"') }} as missing_end_date,
        _source_file,
        _row_number

    from latest_collection_year

)

select * from renamed
