-- Staff records (one per worker and start date) with the continuous service each belongs
-- to. A worker can hold several records: an agency worker taken on as an employee gets a
-- second record with the same worker_id, as does a change of role.
--   in_post_since           start of the worker's continuous run of records of any kind
--                           (agency or employed): a record more than a day after the end of
--                           every earlier record starts a new run
--   employed_service_start  for an employed (not agency) record, the start of its run of
--                           employed records: service with the Trust; agency time before
--                           it does not count
--   employed_service_end    the end of that run (null while employed)
-- A record with no FTE counts as 1 (full time).

with

staff as (

    select * from {{ ref('stg_workforce__staff') }}
    where worker_id is not null and start_date is not null

),

any_kind as (

    select
        *,
        case
            when max(coalesce(end_date, date '9999-12-31')) over (
                partition by la_code, worker_id order by start_date, _row_number
                rows between unbounded preceding and 1 preceding
            ) >= start_date - 1 then 0
            else 1
        end as starts_run
    from staff

),

any_kind_runs as (

    select
        *,
        sum(starts_run) over (
            partition by la_code, worker_id order by start_date, _row_number rows unbounded preceding
        ) as run_number
    from any_kind

),

with_in_post_since as (

    select
        * exclude (starts_run, run_number),
        min(start_date) over (partition by la_code, worker_id, run_number) as in_post_since
    from any_kind_runs

),

employed as (

    select
        la_code,
        worker_id,
        start_date,
        _row_number,
        case
            when max(coalesce(end_date, date '9999-12-31')) over (
                partition by la_code, worker_id order by start_date, _row_number
                rows between unbounded preceding and 1 preceding
            ) >= start_date - 1 then 0
            else 1
        end as starts_run,
        end_date
    from staff
    where not coalesce(is_agency_worker, false)

),

employed_runs as (

    select
        *,
        sum(starts_run) over (
            partition by la_code, worker_id order by start_date, _row_number rows unbounded preceding
        ) as run_number
    from employed

),

employed_service as (

    select
        la_code,
        worker_id,
        start_date,
        _row_number,
        min(start_date) over by_run as employed_service_start,
        case
            when count(*) filter (where end_date is null) over by_run > 0 then null
            else max(end_date) over by_run
        end as employed_service_end
    from employed_runs
    window by_run as (partition by la_code, worker_id, run_number)

),

final as (

    select
        with_in_post_since.la_code,
        with_in_post_since.worker_id,
        with_in_post_since.start_date,
        with_in_post_since.end_date,
        coalesce(with_in_post_since.is_agency_worker, false) as is_agency_worker,
        with_in_post_since.job_title,
        with_in_post_since.org_role,
        with_in_post_since.team,
        coalesce(with_in_post_since.is_frontline, false) as is_frontline,
        coalesce(with_in_post_since.is_qualified_social_worker, false) as is_qualified_social_worker,
        coalesce(with_in_post_since.is_caseholding, false) as is_caseholding,
        coalesce(with_in_post_since.fte, 1)::double as fte,
        with_in_post_since.reason_leave,
        with_in_post_since.in_post_since,
        employed_service.employed_service_start,
        employed_service.employed_service_end,
        with_in_post_since._row_number
    from with_in_post_since
    left join employed_service
        on employed_service.la_code = with_in_post_since.la_code
        and employed_service.worker_id = with_in_post_since.worker_id
        and employed_service.start_date = with_in_post_since.start_date
        and employed_service._row_number = with_in_post_since._row_number

)

select * from final
