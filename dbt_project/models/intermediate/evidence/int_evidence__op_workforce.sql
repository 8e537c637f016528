-- Evidence of the workforce operational measures (no target), employed (not agency) staff:
--   OP_SICKNESS_DAYS_PER_FTE  working days lost to sickness in the month (per absence, see
--                             int_sickness_days_by_month) to the numerator; each employed
--                             worker in post at month end adds their FTE to the
--                             denominator. Rolling 12 months with value_multiplier 12:
--                             days lost in the year per average month-end FTE.
--   OP_SICKNESS_RATE          the same days lost; each employed worker in post at month end
--                             adds FTE x the month's working days to the denominator.
--   OP_VACANCY_RATE           funded posts at month end add their FTE to numerator and
--                             denominator; each employed worker in post takes their FTE
--                             off the numerator (numerator = establishment - employed FTE,
--                             so posts covered by agency workers are vacancies).

with

absence_months as (

    select * from {{ ref('int_sickness_days_by_month') }}
    where is_employed

),

employed_in_post as (

    select * from {{ ref('int_staff_in_post_at_month_end') }}
    where not is_agency_worker

),

posts as (

    select * from {{ ref('int_establishment_at_month_end') }}

),

working_days as (

    select
        {{ dbt.date_trunc('month', "date_day") }}::date as period_start,
        count(*) filter (where is_working_day) as working_days
    from {{ ref('int_calendar_days') }}
    group by all

),

final as (

    select
        la_code,
        'OP_SICKNESS_DAYS_PER_FTE' as definition_id,
        period_start,
        'absence' as subject_type,
        absence_id as subject_id,
        null::varchar as child_id,
        start_date as event_date,
        null::varchar as cohort,
        true as in_numerator,
        days_lost as numerator_amount,
        0::double as denominator_amount
    from absence_months

    union all

    select la_code, 'OP_SICKNESS_DAYS_PER_FTE', period_start, 'worker', worker_id, null, null, null,
        false, 0, fte
    from employed_in_post

    union all

    select la_code, 'OP_SICKNESS_RATE', period_start, 'absence', absence_id, null, start_date, null,
        true, days_lost, 0
    from absence_months

    union all

    select employed_in_post.la_code, 'OP_SICKNESS_RATE', employed_in_post.period_start, 'worker',
        employed_in_post.worker_id, null, null, null, false, 0,
        employed_in_post.fte * working_days.working_days
    from employed_in_post
    inner join working_days using (period_start)

    union all

    select la_code, 'OP_VACANCY_RATE', period_start, 'post', post_id, null, null, null,
        true, fte, fte
    from posts

    union all

    select la_code, 'OP_VACANCY_RATE', period_start, 'worker', worker_id, null, start_date, null,
        false, -fte, 0
    from employed_in_post

)

select * from final
