with

source as (

    select * from {{ source('raw', 'ssda903_sw_episodes') }}

),

-- Collection years combined: for each (CHILD, SW_DECOM) of an authority, the rows from
-- the latest collection year that has it win. Rows with no usable key (missing or
-- unreadable) are all kept, never silently dropped; duplicates within one year are kept
-- too and the unique_key_per_authority test reports them.
latest_collection_year as (

    select *
    from source
    qualify
        nullif("CHILD", '') is null
        or {{ parse_date('"SW_DECOM"') }} is null
        or collection_year = max(collection_year) over (
            partition by la_code, "CHILD", {{ parse_date('"SW_DECOM"') }}
        )

),

renamed as (

    select
        la_code,
        collection_year,
        "CHILD" as child_id,
        {{ parse_date('"DOB"') }} as birth_date,
        "SW_ID" as social_worker_id,
        {{ parse_date('"SW_DECOM"') }} as start_date,
        {{ parse_date('"SW_DEC"') }} as end_date,
        upper({{ parse_code('"SW_REASON"') }}) as social_worker_change_reason,
        _source_file,
        _row_number

    from latest_collection_year

)

select * from renamed
