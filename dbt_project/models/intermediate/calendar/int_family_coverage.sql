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

)

select * from case_coverage
