-- The months each authority's extract of each family covers: from the month of its
-- earliest event to the month of its latest. An indicator is reported for an authority
-- only inside the coverage of the family it needs, so a measure whose window reaches
-- back before the data began is absent rather than understated.

with

case_dates as (

    select la_code, referral_date as event_date from {{ ref('stg_case__referrals') }}
    union all
    select la_code, contact_date from {{ ref('stg_case__contacts') }}
    union all
    select la_code, authorisation_date from {{ ref('stg_case__assessments') }}

),

case_coverage as (

    select
        la_code,
        'case' as source_family,
        date_trunc('month', min(event_date))::date as first_month,
        date_trunc('month', max(event_date))::date as last_month
    from case_dates
    where event_date is not null
    group by la_code

),

-- SSDA903: from 1 April of the first collection year to 31 March of the latest one, or
-- to the month the extract was loaded if that is earlier (an in-year extract).
placement_coverage as (

    select
        la_code,
        'placement' as source_family,
        make_date(min(collection_year) - 1, 4, 1) as first_month,
        least(
            date_trunc('month', max(_loaded_at))::date,
            make_date(max(collection_year), 3, 1)
        ) as last_month
    from {{ source('raw', 'ssda903_episodes') }}
    group by la_code

),

-- HR: from the earliest staff start to the latest dated event (a start, an end or a
-- supervision).
workforce_dates as (

    select la_code, start_date as event_date from {{ ref('stg_workforce__staff') }}
    union all
    select la_code, end_date from {{ ref('stg_workforce__staff') }}
    union all
    select la_code, supervision_date from {{ ref('stg_workforce__supervisions') }}

),

workforce_coverage as (

    select
        la_code,
        'workforce' as source_family,
        date_trunc('month', min(event_date))::date as first_month,
        date_trunc('month', max(event_date))::date as last_month
    from workforce_dates
    where event_date is not null
    group by la_code

),

-- Finance, youth justice and family support: the months of their earliest and latest
-- dated records.
other_dates as (

    select la_code, 'finance' as source_family, month as event_date from {{ ref('stg_finance__ledger') }}
    union all
    select la_code, 'youth_justice', disposal_date from {{ ref('stg_youth_justice__yjs_disposals') }}
    union all
    select la_code, 'youth_justice', offence_date from {{ ref('stg_youth_justice__yjs_offences') }}
    union all
    select la_code, 'family_support', start_date from {{ ref('stg_family_support__interventions') }}
    union all
    select la_code, 'family_support', end_date from {{ ref('stg_family_support__interventions') }}

),

other_coverage as (

    select
        la_code,
        source_family,
        date_trunc('month', min(event_date))::date as first_month,
        date_trunc('month', max(event_date))::date as last_month
    from other_dates
    where event_date is not null
    group by la_code, source_family

),

final as (

    select * from case_coverage
    union all
    select * from other_coverage
    union all
    select * from placement_coverage
    union all
    select * from workforce_coverage

)

select * from final
