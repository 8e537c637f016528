"""The looked-after tables of the Standard Safeguarding Dataset (SSD), from the same simulated care as the SSDA903 files.

`write_looked_after(la, out)` writes `out/<la_code>/ssd/ssd_cla_episodes.csv`,
`ssd_cla_placement.csv`, `ssd_legal_status.csv`, `ssd_cla_reviews.csv`,
`ssd_care_leavers.csv`, `ssd_missing.csv` and `ssd_permanence.csv` for one authority whose
care has been simulated (`placement.build_episodes` and the OC3 cohort: call it where
`placement.write` is called, after `case.write`). It draws nothing at random, so it can be
called beside or instead of `placement.write` without changing any other file. It does not
write `ssd_person.csv` (the case side's SSD writer does; the header's date of birth and sex
come from there).

The SSD holds what the SSDA903 returns of the demonstration years hold: every episode open
at some time from 1 April of the first collection year to the end date (an SSD built after
a system migration starts there too), so the history derived from it
(int_ssd_ssda903_episodes) is the native one. Mapping, per simulated SSDA903 episode:
- ssd_cla_episodes: one row per episode; clae_cla_id is the period of care (episodes joined
  by X1 on the same day), start reason the RNE, ceased date and reason DEC and REC (blank
  while open at the end date);
- ssd_cla_placement: consecutive episodes of a period without a change of placement (RNE
  L) are one placement; its change reason is the REASON_PLACE_CHANGE of its last episode;
- ssd_legal_status: consecutive episodes of a period with the same LS are one row;
- ssd_missing, ssd_care_leavers (one row per OC3 record, latest contact on the birthday
  the record is for, accommodation letter and suitability digit apart), ssd_permanence (the
  placed-for-adoption decisions: decision, reversal RD1 or adoption order E11/E12);
  ssd_cla_reviews the reviews of the SSDA903 files (the same simulated reviews), each with the
  CLA id of its period of care; ssd_permanence carries AD1's match date (perm_matched_date).
"""

from __future__ import annotations

import pathlib
from datetime import date

import numpy as np

from orchestration.demo_data import placement
from orchestration.demo_data.core import NA, Authority, add_years, as_str, dn, fmt_dates

HEADERS: dict[str, list[str]] = {
    "ssd/ssd_cla_episodes.csv": [
        "clae_cla_episode_id", "clae_person_id", "clae_cla_episode_start_date", "clae_cla_episode_start_reason",
        "clae_cla_primary_need_code", "clae_cla_id", "clae_referral_id", "clae_cla_last_iro_contact_date",
        "clae_cla_episode_ceased_date", "clae_cla_placement_id", "clae_entered_care_date",
        "clae_cla_episode_ceased_reason"],
    "ssd/ssd_cla_placement.csv": [
        "clap_cla_placement_id", "clap_cla_placement_start_date", "clap_cla_placement_type",
        "clap_cla_placement_urn", "clap_cla_placement_distance", "clap_cla_id", "clap_cla_placement_provider",
        "clap_cla_placement_postcode", "clap_cla_placement_end_date", "clap_cla_placement_change_reason"],
    "ssd/ssd_legal_status.csv": [
        "lega_legal_status_id", "lega_person_id", "lega_legal_status", "lega_legal_status_start_date",
        "lega_legal_status_end_date"],
    "ssd/ssd_cla_reviews.csv": [
        "clar_cla_review_id", "clar_cla_review_due_date", "clar_cla_review_date", "clar_cla_review_participation",
        "clar_cla_id", "clar_cla_review_cancelled", "clar_cla_person_id"],
    "ssd/ssd_care_leavers.csv": [
        "clea_table_id", "clea_person_id", "clea_care_leaver_eligibility", "clea_care_leaver_in_touch",
        "clea_care_leaver_latest_contact", "clea_care_leaver_accommodation", "clea_care_leaver_accom_suitable",
        "clea_care_leaver_activity", "clea_pathway_plan_review_date", "clea_care_leaver_personal_advisor",
        "clea_care_leaver_allocated_team", "clea_care_leaver_worker_id"],
    "ssd/ssd_missing.csv": [
        "miss_table_id", "miss_person_id", "miss_missing_episode_start_date", "miss_missing_episode_type",
        "miss_missing_episode_end_date", "miss_missing_rhi_offered", "miss_missing_rhi_accepted"],
    "ssd/ssd_permanence.csv": [
        "perm_table_id", "perm_person_id", "perm_adm_decision_date", "perm_ffa_cp_decision_date",
        "perm_placement_order_date", "perm_placed_for_adoption_date", "perm_matched_date",
        "perm_placed_ffa_cp_date", "perm_decision_reversed_date", "perm_placed_foster_carer_date",
        "perm_part_of_sibling_group", "perm_siblings_placed_together", "perm_siblings_placed_apart",
        "perm_placement_provider_urn", "perm_decision_reversed_reason", "perm_permanence_order_date",
        "perm_permanence_order_type", "perm_adopted_by_carer_flag", "perm_cla_id", "perm_adoption_worker_id",
        "perm_adopter_sex", "perm_adopter_legal_status", "perm_number_of_adopters"],
}


def write_looked_after(la: Authority, out: pathlib.Path) -> None:
    """Write the SSD looked-after tables of one simulated authority to out/<la_code>/ssd/ (see the module)."""
    first_day = dn(date(la.years()[0] - 1, 4, 1))
    E = la.E
    ei = np.flatnonzero((E["decom"] <= la.D1) & (E["dec"] >= first_day))  # as the returns hold them
    ei = ei[np.lexsort((E["decom"][ei], E["child"][ei]))]
    period, placement, status = _groups(E, ei)
    cla_ids = np.asarray(la.ids(int(period.max()) + 1 if len(ei) else 0, "CLA"), object)[period]
    pl_ids = np.asarray(la.ids(int(placement.max()) + 1 if len(ei) else 0, "PL"), object)[placement]
    _write_cla_episodes(la, out, ei, cla_ids, pl_ids, period)
    _write_placements(la, out, ei, cla_ids, pl_ids, placement)
    _write_legal_statuses(la, out, ei, status)
    _write_reviews(la, out, ei, cla_ids, first_day)
    _write_care_leavers(la, out)
    _write_missing(la, out, first_day)
    _write_permanence(la, out, first_day)


def _write_reviews(la: Authority, out: pathlib.Path, ei: np.ndarray, cla_ids: np.ndarray, first_day: int) -> None:
    """ssd_cla_reviews: the reviews the SSDA903 files hold (the same simulated reviews,
    placement._reviews), each with the CLA id of the period of care it was held in."""
    E = la.E
    reviews = placement._reviews(la)
    i = np.flatnonzero((reviews["date"] >= first_day) & (reviews["date"] <= la.D1))
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for k, e in enumerate(ei.tolist()):
        spans.setdefault(int(E["child"][e]), []).append((int(E["decom"][e]), int(E["dec"][e]), str(cla_ids[k])))
    cla = [next((c for start, end, c in spans.get(int(ch), []) if start <= day <= end), "")
           for ch, day in zip(reviews["child"][i].tolist(), reviews["date"][i].tolist())]
    ch = reviews["child"][i]
    la.write(out, HEADERS, "ssd/ssd_cla_reviews.csv", [
        la.ids(len(i), "RV"), [""] * len(i), fmt_dates(reviews["date"][i]), reviews["code"][i].tolist(), cla,
        ["N"] * len(i), as_str(la.cid[ch])])


def _groups(E: dict, ei: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Numbers of the period of care, placement and legal status row of each episode ei (in order)."""
    n = len(ei)
    period, placement, status = (np.zeros(n, np.int64) for _ in range(3))
    p = pl = ls = -1
    for k in range(n):
        i = int(ei[k])
        same_period = (k > 0 and int(E["child"][ei[k - 1]]) == int(E["child"][i])
                       and E["rec"][ei[k - 1]] == "X1" and int(E["dec"][ei[k - 1]]) == int(E["decom"][i]))
        if not same_period:
            p, pl, ls = p + 1, pl + 1, ls + 1
        else:
            if E["rne"][i] in ("P", "B", "T", "U"):
                pl += 1
            if E["ls"][i] != E["ls"][ei[k - 1]]:
                ls += 1
        period[k], placement[k], status[k] = p, pl, ls
    return period, placement, status


def _first_last(groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the first and last member of each group (groups numbered 0.. in order)."""
    first = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    last = np.r_[first[1:] - 1, len(groups) - 1]
    return first, last


def _open_end(la: Authority, dec: np.ndarray) -> np.ndarray:
    """End dates as the SSD shows them on the end date: blank (NA) while still open."""
    return np.where(dec > la.D1, NA, dec)


def _write_cla_episodes(la: Authority, out: pathlib.Path, ei: np.ndarray, cla_ids: np.ndarray, pl_ids: np.ndarray,
                        period: np.ndarray) -> None:
    """One ssd_cla_episodes row per episode, with its period (CLA id) and placement ids."""
    E, cid, R = la.E, la.cid, la.R
    dec = _open_end(la, E["dec"][ei])
    per = E["period"][ei]
    entered = np.where(per >= 0, R["entry"][np.maximum(per, 0)], E["decom"][ei])
    first, _ = _first_last(period)
    entered = entered[first][period] if len(ei) else entered
    la.write(out, HEADERS, "ssd/ssd_cla_episodes.csv", [
        la.ids(len(ei), "CLAE"), as_str(cid[E["child"][ei]]), fmt_dates(E["decom"][ei]), E["rne"][ei].tolist(),
        E["cin"][ei].tolist(), cla_ids.tolist(), [""] * len(ei), [""] * len(ei), fmt_dates(dec), pl_ids.tolist(),
        fmt_dates(entered), np.where(dec == NA, "", E["rec"][ei]).tolist()])


def _write_placements(la: Authority, out: pathlib.Path, ei: np.ndarray, cla_ids: np.ndarray, pl_ids: np.ndarray,
                      placement: np.ndarray) -> None:
    """One ssd_cla_placement row per run of episodes with the same placement."""
    E = la.E
    first, last = _first_last(placement)
    f, l_ = ei[first], ei[last]
    end = _open_end(la, E["dec"][l_])
    blank = [""] * len(first)
    la.write(out, HEADERS, "ssd/ssd_cla_placement.csv", [
        pl_ids[first].tolist(), fmt_dates(E["decom"][f]), E["place"][f].tolist(), E["urn"][f].tolist(), blank,
        cla_ids[first].tolist(), E["prov"][f].tolist(), blank, fmt_dates(end),
        np.where(end == NA, "", E["rpc"][l_]).tolist()])


def _write_legal_statuses(la: Authority, out: pathlib.Path, ei: np.ndarray, status: np.ndarray) -> None:
    """One ssd_legal_status row per run of episodes of a period with the same legal status."""
    E, cid = la.E, la.cid
    first, last = _first_last(status)
    f, l_ = ei[first], ei[last]
    la.write(out, HEADERS, "ssd/ssd_legal_status.csv", [
        la.ids(len(first), "LS"), as_str(cid[E["child"][f]]), E["ls"][f].tolist(), fmt_dates(E["decom"][f]),
        fmt_dates(_open_end(la, E["dec"][l_]))])


def _write_care_leavers(la: Authority, out: pathlib.Path) -> None:
    """One ssd_care_leavers row per OC3 record: in touch, activity and accommodation at that birthday."""
    O, C, cid = la.oc3, la.C, la.cid
    oi = np.lexsort((O["age"], cid[O["child"]]))
    ch = O["child"][oi]
    birthday = add_years(C.dob[ch], O["age"][oi])
    accom = O["accom"][oi].tolist()
    n = len(oi)
    la.write(out, HEADERS, "ssd/ssd_care_leavers.csv", [
        la.ids(n, "CL"), as_str(cid[ch]), [""] * n, O["touch"][oi].tolist(), fmt_dates(birthday),
        [a[:1] if len(a) == 2 else a for a in accom], [a[1:] if len(a) == 2 else "" for a in accom],
        O["activ"][oi].tolist(), *([[""] * n] * 4)])


def _write_missing(la: Authority, out: pathlib.Path, first_day: int) -> None:
    """One ssd_missing row per missing or away spell starting from first_day to the end date."""
    M, cid = la.M, la.cid
    mi = np.flatnonzero((M["start"] >= first_day) & (M["start"] <= la.D1))
    mi = mi[np.lexsort((M["start"][mi], cid[M["child"][mi]]))]
    n = len(mi)
    la.write(out, HEADERS, "ssd/ssd_missing.csv", [
        la.ids(n, "MS"), as_str(cid[M["child"][mi]]), fmt_dates(M["start"][mi]), M["kind"][mi].tolist(),
        fmt_dates(_open_end(la, M["end"][mi])), [""] * n, [""] * n])


def _write_permanence(la: Authority, out: pathlib.Path, first_day: int) -> None:
    """One ssd_permanence row per adoption decision open in the demonstration years."""
    R, cid = la.R, la.cid
    adopted = np.isin(R["rec"], ["E11", "E12"])
    ceased = np.where(R["ceased"] != NA, R["ceased"], np.where(adopted, R["exit"], NA))
    pi = np.flatnonzero((R["adm"] != NA) & (R["adm"] <= la.D1) & ((ceased == NA) | (ceased >= first_day))
                        & (R["adm"] < R["exit"]))
    pi = pi[np.argsort(cid[R["child"][pi]], kind="stable")]
    n = len(pi)
    reversed_ = np.where((R["ceased"][pi] != NA) & (R["ceased"][pi] <= la.D1), R["ceased"][pi], NA)
    order = np.where(adopted[pi] & (R["exit"][pi] <= la.D1), R["exit"][pi], NA)
    placed = np.where((R["pa"][pi] != NA) & (R["pa"][pi] <= la.D1), R["pa"][pi], NA)
    blank = [""] * n
    matches = placement._adoptions(la)  # AD1's match date, the same simulated adoptions
    match_of = {(int(c), int(a)): int(m) for c, a, m in zip(matches["child"], matches["adopted"], matches["match"])}
    matched = np.array([match_of.get((int(c), int(e)), NA) if o != NA else NA
                        for c, e, o in zip(R["child"][pi], R["exit"][pi], order)], np.int64)
    la.write(out, HEADERS, "ssd/ssd_permanence.csv", [
        la.ids(n, "PM"), as_str(cid[R["child"][pi]]), fmt_dates(R["adm"][pi]), blank, blank, fmt_dates(placed),
        fmt_dates(matched), blank, fmt_dates(reversed_), blank, blank, blank, blank, blank,
        np.where(reversed_ != NA, "RD1", "").tolist(), fmt_dates(order),
        np.where(order != NA, R["rec"][pi], "").tolist(), blank, blank, blank, blank, blank, blank])
