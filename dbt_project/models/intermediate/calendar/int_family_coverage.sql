-- The months each authority's extract of each family covers: from the month of its
-- earliest dated record to the month of its latest. An indicator is reported for an
-- authority only inside the coverage of the family it needs, so a measure whose window
-- reaches back before the data began is absent rather than understated.
--   case            contacts, referrals, assessment authorisations
--   workforce       staff starts and ends, supervisions
--   finance, youth_justice, family_support   their dated records
--   placement       SSDA903 collection years (below): an open episode has no date to end on;
--                   an SSD's looked-after tables likewise (below)
-- Optional files a measure needs beside its family's core files are "families" of their own,
-- covered only for an authority that supplies at least one row, so their measures are absent
-- (not zero) where the file is not supplied:
--   foster_carer_approvals   the case coverage (OP_FOSTER_APPROVALS: case+foster_carer_approvals)
--   in_house_homes           the placement coverage (OP_IN_HOUSE_RES_OCCUPANCY: placement+in_house_homes)

with

event_dates as (

    select la_code, 'case' as source_family, referral_date as event_date from {{ ref('int_case__referrals') }}
    union all
    select la_code, 'case', contact_date from {{ ref('int_case__contacts') }}
    union all
    select la_code, 'case', authorisation_date from {{ ref('int_case__assessments') }}
    union all
    select la_code, 'workforce', start_date from {{ ref('stg_workforce__staff') }}
    union all
    select la_code, 'workforce', end_date from {{ ref('stg_workforce__staff') }}
    union all
    select la_code, 'workforce', supervision_date from {{ ref('stg_workforce__supervisions') }}
    union all
    select la_code, 'finance', month from {{ ref('stg_finance__ledger') }}
    union all
    select la_code, 'youth_justice', disposal_date from {{ ref('stg_youth_justice__yjs_disposals') }}
    union all
    select la_code, 'youth_justice', offence_date from {{ ref('stg_youth_justice__yjs_offences') }}
    union all
    select la_code, 'family_support', start_date from {{ ref('stg_family_support__interventions') }}
    union all
    select la_code, 'family_support', end_date from {{ ref('stg_family_support__interventions') }}

),

dated_coverage as (

    select
        la_code,
        source_family,
        {{ dbt.date_trunc('month', "min(event_date)") }}::date as first_month,
        {{ dbt.date_trunc('month', "max(event_date)") }}::date as last_month
    from event_dates
    where event_date is not null
    group by la_code, source_family

),

-- SSDA903: from 1 April of the first collection year to 31 March of the latest one, or
-- to the month the extract was loaded if that is earlier (an in-year extract).
placement_coverage as (

    select
        la_code,
        'placement' as source_family,
        make_date(min(collection_year) - 1, 4, 1) as first_month,
        least(
            {{ dbt.date_trunc('month', "max(_loaded_at)") }}::date,
            make_date(max(collection_year), 3, 1)
        ) as last_month
    from {{ source('raw_placement', 'ssda903_episodes') }}
    group by la_code

),

-- SSD looked-after tables (docs/ssd.md): from 1 April of the collection year of the
-- earliest SSD-derived episode's end to the month of the extract's own date
-- (int_ssd_extract_dates: its latest recorded date, never after the day it was loaded).
ssd_placement_coverage as (

    select
        episodes.la_code,
        'placement' as source_family,
        make_date(min(episodes.collection_year) - 1, 4, 1) as first_month,
        {{ dbt.date_trunc('month', "any_value(extracts.extract_date)") }}::date as last_month
    from {{ ref('int_ssd_ssda903_episodes') }} as episodes
    inner join {{ ref('int_ssd_extract_dates') }} as extracts on extracts.la_code = episodes.la_code
    group by episodes.la_code

),

optional_file_coverage as (

    select dated_coverage.la_code, 'foster_carer_approvals' as source_family, dated_coverage.first_month,
        dated_coverage.last_month
    from dated_coverage
    where dated_coverage.source_family = 'case'
        and dated_coverage.la_code in (select la_code from {{ ref('stg_case__foster_carer_approvals') }})
    union all
    select la_code, 'in_house_homes', first_month, last_month
    from (select * from placement_coverage union all select * from ssd_placement_coverage)
    where la_code in (select la_code from {{ ref('stg_reference__in_house_homes') }})

),

final as (

    select * from dated_coverage
    union all
    select * from placement_coverage
    union all
    select * from ssd_placement_coverage
    union all
    select * from optional_file_coverage

)

select * from final
