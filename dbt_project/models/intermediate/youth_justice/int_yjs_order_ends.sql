-- Young people whose court order ended, once per person and month (F01). Orders are
-- community sentences, custodial sentences and the licence after release from custody
-- (custody_release); cautions have no order. A custodial sentence and its licence usually
-- end together, so a person counts once in the month however many of their orders end in
-- it, and is in suitable education, training or employment when any of those orders
-- recorded suitable full-time or part-time ETE at its end. An order with no ETE recorded
-- (blank) or recorded as unknown counts as not in ETE.
--   ete_at_end  the best ETE recorded: suitable_full_time, suitable_part_time, none,
--               unknown, or not_recorded

with

orders as (

    select * from {{ ref('stg_youth_justice__yjs_disposals') }}
    where person_id is not null
        and order_end_date is not null
        and lower(disposal_type) in ('community', 'custodial_sentence', 'custody_release')

),

final as (

    select
        la_code,
        person_id,
        {{ dbt.date_trunc('month', "order_end_date") }}::date as period_start,
        max(order_end_date) as last_order_end_date,
        count(*) as orders_ended,
        case
            when bool_or(lower(ete_at_end) = 'suitable_full_time') then 'suitable_full_time'
            when bool_or(lower(ete_at_end) = 'suitable_part_time') then 'suitable_part_time'
            when bool_or(lower(ete_at_end) = 'none') then 'none'
            when bool_or(lower(ete_at_end) = 'unknown') then 'unknown'
            else 'not_recorded'
        end as ete_at_end,
        coalesce(bool_or(lower(ete_at_end) in ('suitable_full_time', 'suitable_part_time')), false) as is_in_ete
    from orders
    group by la_code, person_id, {{ dbt.date_trunc('month', "order_end_date") }}::date

)

select * from final
