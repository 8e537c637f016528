-- The SSD extract of each authority (looked-after side): its own date and collection year.
-- An SSD has no collection year of its own: the extract's date is the latest date it records
-- among CLA episodes, placements, legal statuses, missing episodes and care leavers' contacts,
-- never later than the day it was loaded (an extract run tonight records yesterday; a copy of
-- an older extract loaded today keeps its own date). Its collection year is the year of the
-- 31 March on or after that date (macro ssda903_collection_year). docs/ssd.md.

{{ config(tags=['staging']) }}

with

dates as (

    select la_code, start_date as d, _loaded_at from {{ ref('stg_ssd__cla_episodes') }}
    union all
    select la_code, ceased_date, _loaded_at from {{ ref('stg_ssd__cla_episodes') }}
    union all
    select la_code, start_date, _loaded_at from {{ ref('stg_ssd__cla_placement') }}
    union all
    select la_code, end_date, _loaded_at from {{ ref('stg_ssd__cla_placement') }}
    union all
    select la_code, start_date, _loaded_at from {{ ref('stg_ssd__legal_status') }}
    union all
    select la_code, end_date, _loaded_at from {{ ref('stg_ssd__legal_status') }}
    union all
    select la_code, missing_start_date, _loaded_at from {{ ref('stg_ssd__missing') }}
    union all
    select la_code, missing_end_date, _loaded_at from {{ ref('stg_ssd__missing') }}
    union all
    select la_code, latest_contact_date, _loaded_at from {{ ref('stg_ssd__care_leavers') }}

),

final as (

    select
        la_code,
        max(_loaded_at) as _loaded_at,
        least(max(d) filter (where d <= _loaded_at::date), max(_loaded_at)::date) as extract_date,
        {{ ssda903_collection_year("least(max(d) filter (where d <= _loaded_at::date), max(_loaded_at)::date)") }}
            as collection_year
    from dates
    group by la_code

)

select * from final
