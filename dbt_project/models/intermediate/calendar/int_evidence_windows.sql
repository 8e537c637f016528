-- The months whose evidence is behind a reported figure, per authority and evidence
-- definition (a rate per 10,000 children counts another definition's evidence, see
-- indicator_definitions.evidence_of): from the start of the rolling window of the first
-- reported month to the last reported month. marts.indicator_evidence keeps only these
-- months, and month-end snapshots are not taken before the earliest of them
-- (int_coverage_months): a record that counts in no published figure is not evidence.

with

definitions as (

    select * from {{ ref('indicator_definitions') }}

),

reporting_months as (

    select * from {{ ref('int_reporting_months') }}

),

final as (

    select
        reporting_months.la_code,
        coalesce(nullif(definitions.evidence_of, ''), definitions.definition_id) as definition_id,
        min({{ dbt.dateadd('month', '1 - definitions.rolling_months', 'reporting_months.period_start') }})::date as first_month,
        max(reporting_months.period_start) as last_month
    from reporting_months
    inner join definitions on definitions.definition_id = reporting_months.definition_id
    group by all

)

select * from final
