-- DfE business rules on every staged SSDA903 episode: one row per staged episode row, one
-- flag per rule, and whether the row is excluded from the episode history the measures use.
-- Built with the staging step (tag staging) so that the quality gate (expectations/checks.yml,
-- suite ssda903_extract) reports exactly these flags as WARN findings: a rule is written
-- once, here, and the check and the exclusion cannot disagree.
--
-- Excluded (is_excluded), because a definition would be wrong with the row in it:
--   is_missing_key          CHILD blank, or DECOM blank or unreadable: the row cannot be placed
--   is_duplicate            the same child and start date more than once (after combining years)
--   ends_before_start       DEC before DECOM
--   is_overlapping          the episode and another episode of the same child overlap in time
--                           (one starts before the other has ended; an open episode runs on);
--                           both episodes of an overlapping pair are flagged and excluded
--   has_unknown_rne, has_unknown_legal_status, has_unknown_placement_type
--                           RNE, LS or PLACE not in seed ssda903_codes for the row's collection year
-- Flagged only (reported; the definitions cope):
--   has_unknown_provider    PLACE_PROVIDER given but not a code of the year (not counted as
--                           in-house or out of authority)
--   has_unknown_reason_ceased REC given but not a code of the year (the period of care ends)
--   end_and_reason_disagree DEC without REC, or REC without DEC
--   x1_without_next_episode REC X1 but no episode of the child starts on DEC (the period of
--                           care ends there: a gap ends it)
--   starts_period_without_s an episode that starts a period of care has RNE other than S
--                           (not flagged when it started before the authority's first
--                           collection year: the episodes before it are not in the data)
--   s_within_period         RNE S on an episode that continues a period of care (X1 the same day)
--   legal_change_with_new_placement RNE L (legal status only) but PLACE or PLACE_PROVIDER differs
--                           from the previous episode's (the RNE is followed: not a move)
--   temporary_too_long      T3 longer than 21 days or T4 longer than 7 days (still treated as
--                           temporary)
--   has_no_birth_date       the child has no readable DOB in the header (left out of B9, whose
--                           denominator needs the age)
-- An episode left open in an earlier return and absent from later ones (stg_ssda903__episodes,
-- is_left_open) has end_date 1 April of its collection year: it takes part in the overlap
-- test with that end (a later return's episode starting before then overlaps it), and the
-- rules about DEC as reported (DEC and REC together, T3/T4 limits) see it as open.
-- The period-of-care test here (previous episode ended X1 on this start date) is diagnostic,
-- over all keyed rows; int_care_periods builds the periods from the rows kept.

{{ config(tags=['staging']) }}

with

episodes as (

    select * from {{ ref('int_cla__episodes') }}

),

codes as (

    select * from {{ ref('ssda903_codes') }}

),

header as (

    select la_code, child_id, min(birth_date) as birth_date
    from {{ ref('int_cla__header') }}
    where child_id is not null
    group by la_code, child_id

),

-- 1 April of each authority's first collection year: episodes starting before it may
-- have predecessors the data does not hold
history as (

    select la_code, make_date(min(collection_year) - 1, 4, 1) as history_start_date
    from episodes
    group by la_code

),

keyed as (

    select
        episodes.*,
        episodes.child_id is null or episodes.start_date is null as is_missing_key,
        episodes.child_id is not null and episodes.start_date is not null
            and count(*) over (partition by episodes.la_code, episodes.child_id, episodes.start_date) > 1
            as is_duplicate,
        coalesce(episodes.end_date < episodes.start_date, false) as ends_before_start
    from episodes

),

-- the rows whose place in time is known: overlaps are looked for among these
sequenced as (

    select
        keyed.*,
        not (is_missing_key or is_duplicate or ends_before_start) as is_sequenced
    from keyed

),

neighbours as (

    select
        sequenced.*,
        max(coalesce(end_date, date '9999-12-31')) over (
            partition by la_code, child_id, is_sequenced order by start_date
            rows between unbounded preceding and 1 preceding
        ) as latest_earlier_end_date,
        min(start_date) over (
            partition by la_code, child_id, is_sequenced order by start_date
            rows between 1 following and unbounded following
        ) as next_start_date,
        lag(end_date) over by_child as previous_end_date,
        lag(reason_episode_ceased) over by_child as previous_reason_ceased,
        lag(placement_type) over by_child as previous_placement_type,
        lag(placement_provider) over by_child as previous_placement_provider
    from sequenced
    window by_child as (partition by la_code, child_id, is_sequenced order by start_date)

),

coded as (

    select
        neighbours.*,
        rne.category as rne_category,
        ls.category as legal_status_category,
        place.category as placement_category,
        provider.category as provider_category,
        rec.category as reason_ceased_category
    from neighbours
    left join codes as rne
        on rne.field = 'RNE' and rne.code = neighbours.reason_new_episode
        and neighbours.collection_year between coalesce(rne.first_year, 0) and coalesce(rne.last_year, 9999)
    left join codes as ls
        on ls.field = 'LS' and ls.code = neighbours.legal_status
        and neighbours.collection_year between coalesce(ls.first_year, 0) and coalesce(ls.last_year, 9999)
    left join codes as place
        on place.field = 'PLACE' and place.code = neighbours.placement_type
        and neighbours.collection_year between coalesce(place.first_year, 0) and coalesce(place.last_year, 9999)
    left join codes as provider
        on provider.field = 'PLACE_PROVIDER' and provider.code = neighbours.placement_provider
        and neighbours.collection_year between coalesce(provider.first_year, 0) and coalesce(provider.last_year, 9999)
    left join codes as rec
        on rec.field = 'REC' and rec.code = neighbours.reason_episode_ceased
        and neighbours.collection_year between coalesce(rec.first_year, 0) and coalesce(rec.last_year, 9999)

),

flagged as (

    select
        coded.*,
        is_sequenced and (
            coalesce(latest_earlier_end_date > start_date, false)
            or coalesce(coalesce(end_date, date '9999-12-31') > next_start_date, false)
        ) as is_overlapping,
        rne_category is null as has_unknown_rne,
        legal_status_category is null as has_unknown_legal_status,
        placement_category is null as has_unknown_placement_type,
        placement_provider is not null and provider_category is null as has_unknown_provider,
        reason_episode_ceased is not null and reason_ceased_category is null as has_unknown_reason_ceased,
        (end_date is null or coalesce(is_left_open, false)) <> (reason_episode_ceased is null)
            as end_and_reason_disagree,
        is_sequenced and reason_episode_ceased = 'X1' and end_date is not null
            and next_start_date is distinct from end_date as x1_without_next_episode,
        -- false, not null, on a child's first episode or after one with no REC: a null here
        -- kept "period of care starts with RNE S" from ever flagging those
        coalesce(is_sequenced and previous_reason_ceased = 'X1' and previous_end_date = start_date, false)
            as continues_period
    from coded

),

final as (

    select
        flagged.la_code,
        flagged.collection_year,
        flagged.child_id,
        flagged.start_date,
        flagged.reason_new_episode,
        flagged.legal_status,
        flagged.category_of_need,
        flagged.placement_type,
        flagged.placement_provider,
        flagged.end_date,
        coalesce(flagged.is_left_open, false) as is_left_open,
        flagged.reason_episode_ceased,
        flagged.reason_placement_change,
        flagged.home_postcode,
        flagged.placement_postcode,
        flagged.urn,
        flagged.rne_category,
        flagged.legal_status_category,
        flagged.placement_category,
        flagged.provider_category,
        flagged.reason_ceased_category,
        flagged.is_missing_key,
        flagged.is_duplicate,
        flagged.ends_before_start,
        flagged.is_overlapping,
        flagged.has_unknown_rne,
        flagged.has_unknown_legal_status,
        flagged.has_unknown_placement_type,
        flagged.has_unknown_provider,
        flagged.has_unknown_reason_ceased,
        flagged.end_and_reason_disagree,
        flagged.x1_without_next_episode,
        flagged.is_sequenced and not flagged.continues_period and flagged.reason_new_episode is distinct from 'S'
            and flagged.start_date >= history.history_start_date as starts_period_without_s,
        flagged.continues_period and flagged.reason_new_episode = 'S' as s_within_period,
        flagged.continues_period and flagged.reason_new_episode = 'L'
            and (flagged.placement_type is distinct from flagged.previous_placement_type
                 or flagged.placement_provider is distinct from flagged.previous_placement_provider)
            as legal_change_with_new_placement,
        coalesce(
            not coalesce(flagged.is_left_open, false) and (
                (flagged.placement_type = 'T3' and flagged.end_date - flagged.start_date > 21)
                or (flagged.placement_type = 'T4' and flagged.end_date - flagged.start_date > 7)
            ),
            false
        ) as temporary_too_long,
        flagged.child_id is not null and header.birth_date is null as has_no_birth_date,
        flagged.is_missing_key or flagged.is_duplicate or flagged.ends_before_start or flagged.is_overlapping
            or flagged.has_unknown_rne or flagged.has_unknown_legal_status or flagged.has_unknown_placement_type
            as is_excluded,
        case
            when flagged.is_missing_key then 'key missing'
            when flagged.is_duplicate then 'duplicate episode'
            when flagged.ends_before_start then 'ends before it starts'
            when flagged.is_overlapping then 'overlaps another episode'
            when flagged.has_unknown_rne then 'RNE not a code of the year'
            when flagged.has_unknown_legal_status then 'LS not a code of the year'
            when flagged.has_unknown_placement_type then 'PLACE not a code of the year'
        end as exclusion_reason,
        flagged._source_file,
        flagged._row_number
    from flagged
    left join header on header.la_code = flagged.la_code and header.child_id = flagged.child_id
    left join history on history.la_code = flagged.la_code

)

select * from final
