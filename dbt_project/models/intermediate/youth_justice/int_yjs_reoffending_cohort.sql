-- The binary reoffending cohort (F02), after the Ministry of Justice's measure, in
-- monthly cohorts: a young person cautioned, convicted (community sentence) or released
-- from custody in a month is in that month's cohort once, from the first such disposal in
-- the month (the index date). A custodial sentence starts no follow-up: the young person
-- enters a cohort when released. They reoffended when an offence committed after the
-- index date and no more than 12 months after it (exactly 12 months counts) was proven no
-- more than 18 months after it (12 months plus a 6-month waiting period; exactly 18 months
-- counts). A month's cohort is kept only once its follow-up and waiting period have ended
-- inside the extract's coverage: its last day plus 18 months on or before the last day of
-- the youth justice coverage.

with

disposals as (

    select * from {{ ref('stg_youth_justice__yjs_disposals') }}
    where person_id is not null
        and disposal_date is not null
        and lower(disposal_type) in ('caution', 'community', 'custody_release')

),

offences as (

    select * from {{ ref('stg_youth_justice__yjs_offences') }}
    where person_id is not null and offence_date is not null and proven_date is not null

),

coverage as (

    select * from {{ ref('int_family_coverage') }}
    where source_family = 'youth_justice'

),

index_events as (

    select
        la_code,
        person_id,
        {{ dbt.date_trunc('month', "disposal_date") }}::date as period_start,
        min(disposal_date) as index_date,
        arg_min(lower(disposal_type), disposal_date) as index_disposal_type
    from disposals
    group by la_code, person_id, {{ dbt.date_trunc('month', "disposal_date") }}::date

),

followed_up as (

    select index_events.*
    from index_events
    inner join coverage on coverage.la_code = index_events.la_code
    where {{ dbt.dateadd('month', 18, dbt.last_day('index_events.period_start', 'month')) }}::date <= {{ dbt.last_day("coverage.last_month", 'month') }}

),

final as (

    select
        followed_up.la_code,
        followed_up.person_id,
        followed_up.period_start,
        followed_up.index_date,
        followed_up.index_disposal_type,
        min(offences.offence_date) as first_reoffence_date,
        count(offences.offence_id) > 0 as has_reoffended
    from followed_up
    left join offences
        on offences.la_code = followed_up.la_code
        and offences.person_id = followed_up.person_id
        and offences.offence_date > followed_up.index_date
        and offences.offence_date <= {{ dbt.dateadd('month', 12, 'followed_up.index_date') }}::date
        and offences.proven_date <= {{ dbt.dateadd('month', 18, 'followed_up.index_date') }}::date
    group by all

)

select * from final
