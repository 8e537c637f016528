"""Periods of care and the SSDA903 returns: how care starts and ends, placements, episodes, missing, OC3.

The case family draws each period of care (`care_periods`) as part of the referral that led
to it; `build_episodes` turns the periods into placements and legal statuses split into
SSDA903 episodes, and `write` writes one folder per collection year.
"""

from __future__ import annotations

import math
import pathlib
from datetime import date

import numpy as np

from orchestration.demo_data.core import (
    ADOPT, CAO, CLA, ETHNIC, HOME, LTC, NA, NEEDS, OTHER, SGO, Y, Authority, add_years, as_str, choose_codes, dn,
    fmt_dates, ln, month_index, pick_rows, profile,
)

HEADERS: dict[str, list[str]] = {
    "placement/ssda903/*/header.csv": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "placement/ssda903/*/episodes.csv": ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC",
                                         "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
    "placement/ssda903/*/oc3.csv": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "placement/ssda903/*/missing.csv": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
    "placement/ssda903/*/placed_for_adoption.csv": ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED",
                                                    "REASON_PLACED_CEASED"],
    "placement/ssda903/*/reviews.csv": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "placement/ssda903/*/ad1.csv": ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR",
                                    "SEX_ADOPTR", "LS_ADOPTR"],
}
_REVIEW_CODES = (["PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"], [55, 6, 6, 5, 12, 8, 8])
_REVIEWS_ON_TIME = 0.92  # the scorecard's "Timeliness of LAC Reviews", 88-100% (seed 002:1736)

_KIND_P = np.array([  # outcome of a period of care by age at entry: <1, 1-4, 5-9, 10-15, 16-17
    [.38, .22, .05, .22, .13, .00],
    [.22, .22, .06, .32, .18, .00],
    [.03, .15, .05, .40, .37, .00],
    [.00, .03, .02, .50, .40, .05],
    [.00, .00, .00, .35, .58, .07],
])
_REC_AT_18 = (["E5", "E6", "E13", "E8", "E7", "E3"], [.33, .08, .12, .37, .05, .05])
_PROCEEDINGS_WEEKS = [(date(2012, 10, 1), 38.0), (date(2014, 7, 1), 27.0), (date(2016, 12, 31), 27.0),
                      (date(2017, 6, 1), 29.0)]
_OC3_YEAR1_LAST = 2016  # the last collection year whose OC3 19-year-olds are the B11/B12 Year 1 cohort (2015/16)
# placements drawn by age band (<5, 5-9, 10-15, 16+): codes and weights
_PLACE_BANDS = {
    0: (["U6", "U6", "U3", "U5", "P1", "R3", "K2", "Z1"], [60, 0, 15, 6, 6, 4, 1, 1]),
    1: (["U6", "U3", "K2", "P1", "S1", "Z1"], [70, 14, 6, 7, 2, 1]),
    2: (["U6", "U3", "K2", "P1", "K1", "S1", "Z1"], [64, 10, 15, 6, 1, 3, 1]),
    3: (["U6", "U3", "K2", "H5", "P2", "P1", "R5", "Z1"], [40, 5, 12, 27, 8, 5, 2, 1]),
}
_CHANGE_REASONS = (["CARPL", "CREQB", "CREQO", "CHRQ", "LAREQ", "STAND", "ALLEG", "CLOSE", "APPRR", "OTHER"],
                   [45, 15, 8, 7, 8, 3, 2, 3, 2, 7])
_CHANGE_REASONS_FROM = date(2015, 4, 1)  # REASON_PLACE_CHANGE is collected from 2015/16
_EPISODE_KEYS = ("child", "period", "decom", "dec", "rne", "ls", "place", "prov", "rec", "rpc", "urn", "carer")


# ================================================================ periods of care
def care_periods(la: Authority, idx, entry_all, dob_all, b18_all, ref_all, n_all) -> dict:
    """How each period of care starts, what legal steps it goes through and how it ends.

    idx are the referrals (of n_all) that lead to care; the arrays returned have n_all rows
    (NA or blank for the others)."""
    rng = la.rng
    n = len(idx)
    entry, dob, b18, ref = entry_all[idx], dob_all[idx], b18_all[idx], ref_all[idx]
    ageY = (entry - dob) / Y
    young = ageY < 12
    kind, ls0 = _kind_and_first_status(rng, ageY, young)
    l_to_c1, conv_date, issue, disposal, disp_type = _proceedings(rng, kind, ls0, ageY, entry, ref)
    exit_, adm, pa, ceased, p1, adopt_fail = _how_care_ends(rng, kind, ls0, entry, issue != NA, disposal, disp_type)
    rec, exit_ = _reason_care_ended(rng, kind, ls0, young, adopt_fail, exit_, dob, b18, entry)

    ls1_date = np.where(l_to_c1 != NA, l_to_c1, conv_date)
    ls1 = np.where(ls1_date != NA, "C1", "").astype("<U2")
    ls2_date = np.where(np.isin(disp_type, ["care_order", "placement_order"]), disposal, NA)
    ls2 = np.where(disp_type == "care_order", "C2", np.where(disp_type == "placement_order", "E1", "")).astype("<U2")
    # legal steps only happen while the child is looked after
    ls1_date = np.where(ls1_date < exit_, ls1_date, NA)
    ls2_date = np.where(ls2_date < exit_, ls2_date, NA)
    pa = np.where(pa < exit_, pa, NA)
    p1 = np.where(p1 < exit_, p1, NA)
    disposal_obs = disposal  # proceedings end even if the child left care first

    def full(a, fill):
        o = np.full(n_all, fill, dtype=a.dtype)
        o[idx] = a
        return o

    return {
        "kind": full(kind, -1), "exit": full(exit_, NA), "rec": full(rec, ""), "ls0": full(ls0, ""),
        "ls1_date": full(ls1_date, NA), "ls1": full(ls1, ""), "ls2_date": full(ls2_date, NA),
        "ls2": full(ls2, ""), "issue": full(issue, NA), "disposal": full(disposal_obs, NA),
        "disp_type": full(disp_type, ""), "adm": full(adm, NA), "pa": full(pa, NA),
        "pa_same": full(rng.random(n) < 0.4, False), "ceased": full(ceased, NA), "p1": full(p1, NA),
    }


def _kind_and_first_status(rng, ageY, young):
    """How the period will end (by age at entry), and the legal status it starts with."""
    n = len(ageY)
    grp = np.digitize(ageY, [1, 5, 10, 16])
    kind = pick_rows(rng, _KIND_P, grp)
    u = rng.random(n)
    ls0 = np.select(
        [kind <= CAO,
         (kind == LTC) & (ageY >= 16),
         kind == LTC,
         kind == HOME,
         kind == OTHER],
        [np.where(u < .88, "C1", np.where(u < .95, "L2", "L1")),
         np.where(u < .8, "V2", "C1"),
         np.where(u < .45, "C1", np.where(u < .95, "V2", "L1")),
         np.where(u < .66, "V2", np.where(u < .88, "C1", np.where(u < .94, "L1", np.where(young, "V2", "J1")))),
         np.where((u < .7) | young, "V2", "J1")], "V2").astype("<U2")
    return kind, ls0


def _proceedings(rng, kind, ls0, ageY, entry, ref):
    """Interim care orders (from L1/L2 or a V2 converted) and the care proceedings they start."""
    n = len(kind)
    l_to_c1 = np.where(np.isin(ls0, ["L1", "L2"]), entry + rng.integers(2, 9, n), NA)
    conv = (ls0 == "V2") & (kind == LTC) & (ageY < 16) & (rng.random(n) < 0.35)
    conv_date = np.where(conv, entry + rng.integers(60, 241, n), NA)
    c1 = np.select([ls0 == "C1", l_to_c1 != NA, conv], [entry, l_to_c1, conv_date], NA)
    has_pr = c1 != NA
    issue = np.where(has_pr, np.maximum(c1 - rng.integers(0, 3, n), np.minimum(ref, c1)), NA)
    weeks = np.clip(ln(rng, 1.0, 0.22, n) * profile(np.where(has_pr, issue, 0), _PROCEEDINGS_WEEKS), 8, 90)
    disposal = np.where(has_pr, issue + np.round(weeks * 7).astype(np.int64), NA)
    u = rng.random(n)
    home_disp = np.where(u < .45, "supervision_order", np.where(u < .62, "no_order",
                         np.where(u < .68, "withdrawn", "care_order")))
    disp_type = np.where(~has_pr, "", np.select(
        [kind == ADOPT, kind == SGO, kind == CAO, kind == HOME], ["placement_order", "special_guardianship_order",
                                                                  "child_arrangements_order", home_disp],
        "care_order")).astype("<U26")
    return l_to_c1, conv_date, issue, disposal, disp_type


def _how_care_ends(rng, kind, ls0, entry, has_pr, disposal, disp_type):
    """The adoption steps (decision, placement, order, or the decision reversed) and the day care ends."""
    n = len(kind)
    ln_ltc = np.clip(ln(rng, 2800, 0.7, n), 200, 8000).astype(np.int64)
    adopt_fail = (kind == ADOPT) & (rng.random(n) < 0.08)
    po = np.where(kind == ADOPT, disposal, NA)
    adm = np.where(kind == ADOPT, np.maximum(po - rng.integers(20, 121, n), entry + 14), NA)
    pa = np.where((kind == ADOPT) & ~adopt_fail, po + np.maximum(30, ln(rng, 150, 0.5, n)).astype(np.int64), NA)
    adopted = np.where(pa != NA, pa + np.maximum(70, ln(rng, 240, 0.35, n)).astype(np.int64), NA)
    ceased = np.where(adopt_fail, po + rng.integers(200, 421, n), NA)
    care_home = (kind == HOME) & (disp_type == "care_order")
    p1 = np.where(care_home, disposal, NA)
    exit_ = np.select(
        [(kind == ADOPT) & ~adopt_fail, adopt_fail,
         (kind == SGO) | (kind == CAO),
         (kind == HOME) & care_home, (kind == HOME) & has_pr,
         (kind == HOME) & (ls0 == "J1"), kind == HOME,
         kind == LTC,
         (kind == OTHER) & has_pr],
        [adopted, ceased + np.maximum(120, ln(rng, 600, 0.6, n)).astype(np.int64),
         disposal + rng.integers(0, 4, n),
         disposal + np.maximum(60, ln(rng, 300, 0.6, n)).astype(np.int64), disposal,
         entry + np.maximum(2, ln(rng, 45, 0.6, n)).astype(np.int64),
         entry + np.maximum(2, ln(rng, 110, 1.0, n)).astype(np.int64),
         np.maximum(entry + ln_ltc, np.where(has_pr, disposal + 30, 0)),
         np.maximum(disposal, entry + ln(rng, 300, 0.8, n).astype(np.int64))],
        entry + np.maximum(2, ln(rng, 150, 0.9, n)).astype(np.int64))
    return exit_, adm, pa, ceased, p1, adopt_fail


def _reason_care_ended(rng, kind, ls0, young, adopt_fail, exit_, dob, b18, entry):
    """REC of the period's last episode, and its end moved to the 18th birthday where care lasts that long."""
    n = len(kind)
    u = rng.random(n)
    ageX = (exit_ - dob) / Y
    rec = np.select(
        [(kind == ADOPT) & ~adopt_fail, adopt_fail, kind == SGO, kind == CAO,
         (kind == HOME) & (ls0 == "J1"), kind == HOME,
         (kind == LTC) & (ageX >= 17), kind == LTC,
         kind == OTHER],
        [np.where(u < .75, "E11", "E12"), np.full(n, "E45"), np.where(u < .4, "E45", "E46"),
         np.where(u < .3, "E41", np.where(u < .55, "E47", "E48")),
         np.where(u < .5, "E4A", np.where(u < .75, "E13", "E9")),
         np.where(u < .65, "E4A", np.where(u < .75, "E4B", "E13")),
         np.where(u < .6, "E5", np.where(u < .75, "E6", "E13")),
         np.where(u < .45, "E45", np.where(u < .8, "E4A", np.where(u < .9, "E13", "E8"))),
         np.where(u < .45, "E3", np.where((u < .8) & ~young, "E9", np.where(u < .99, "E8", "E2")))],
        "E8").astype("<U3")
    at18 = exit_ >= b18
    rec = np.where(at18, choose_codes(rng, *_REC_AT_18, n).astype("<U3"), rec)
    exit_ = np.maximum(np.minimum(exit_, b18), entry + 1)
    return rec, exit_


# ================================================================ episodes of care
def build_episodes(la: Authority) -> None:
    """Placements and legal statuses of every period of care, split into SSDA903 episodes (sets la.E, la.M)."""
    R, C, r = la.R, la.C, la.py
    urns = _provider_urns(r)
    rpc_from = dn(_CHANGE_REASONS_FROM)
    ep = {k: [] for k in _EPISODE_KEYS}
    missing = {k: [] for k in ("child", "start", "end", "kind")}
    for i in np.flatnonzero(R["path"] == CLA).tolist():
        ch = int(R["child"][i])
        dob = int(C.dob[ch])
        e, x = int(R["entry"][i]), int(R["exit"][i])
        pls = _placements(r, urns, R, i, dob, e, x)
        _add_episodes(r, ep, R, i, ch, e, x, pls, rpc_from)
        _add_missing(r, missing, ch, dob, e, x)

    _short_break_episodes(la, ep)
    E = {k: np.array(v) for k, v in ep.items()}
    E["decom"] = E["decom"].astype(np.int64)
    E["dec"] = E["dec"].astype(np.int64)
    E["cin"] = np.array([NEEDS[int(R["need"][p])] if p >= 0 else "N2" for p in E["period"].tolist()])
    order = np.lexsort((E["decom"], E["child"]))
    la.E = {k: v[order] for k, v in E.items()}
    M = {k: np.array(v) for k, v in missing.items()}
    M["start"] = M["start"].astype(np.int64)
    M["end"] = M["end"].astype(np.int64)
    la.M = M


def _provider_urns(r) -> dict:
    """Ofsted URNs of the authority's own and agency providers."""
    return {
        "fost_own": "SC" + str(r.randint(100000, 999999)),
        "ifa": ["SC" + str(r.randint(100000, 999999)) for _ in range(12)],
        "home_own": ["SC" + str(r.randint(100000, 999999)) for _ in range(4)],
        "home_ext": ["SC" + str(r.randint(100000, 999999)) for _ in range(25)],
        "adopt": "SC" + str(r.randint(100000, 999999)),
    }


def _provider_and_urn(r, urns: dict, place: str) -> tuple[str, str]:
    if place[0] == "U":
        if r.random() < 0.47 or place in ("U1", "U2", "U3") and r.random() < 0.75:
            return "PR1", urns["fost_own"]
        return ("PR4" if r.random() < 0.8 else "PR5"), r.choice(urns["ifa"])
    if place == "K2":
        if r.random() < 0.33:
            return "PR1", r.choice(urns["home_own"])
        return ("PR4" if r.random() < 0.85 else "PR5"), r.choice(urns["home_ext"])
    if place == "K1":
        return "PR2", r.choice(urns["home_ext"])
    if place == "P1":
        return "PR0", ""
    if place in ("H5", "P2", "Z1", "R1", "R3", "S1"):
        return ("PR4" if r.random() < 0.7 else "PR1"), ""
    if place == "R5":
        return "PR3", ""
    return "PR1", ""


def _choose_place(r, age: float) -> str:
    b = 0 if age < 5 else 1 if age < 10 else 2 if age < 16 else 3
    codes, w = _PLACE_BANDS[b]
    return r.choices(codes, w)[0]


def _placements(r, urns: dict, R: dict, i: int, dob: int, e: int, x: int) -> list[tuple]:
    """The placements of period i from entry e to exit x: (start, place, provider, urn, same carer)."""
    pa, p1 = int(R["pa"][i]), int(R["p1"][i])
    cuts = sorted((d, m) for d, m in ((pa, "A"), (p1, "P1")) if d != NA and e < d < x)
    unstable = r.random() < 0.10
    pls = []  # (start, place, provider, urn, same_carer)
    t, mode, j = e, None, 0
    while t < x:
        age = (t - dob) / Y
        same = False
        if mode == "A":
            place, prov, urn, same = _adoptive_placement(r, urns, pls, R["pa_same"][i])
            dur = x - t
        elif mode == "P1":
            place, prov, urn, dur = "P1", "PR0", "", x - t
        else:
            place, prov, urn, dur = _ordinary_placement(r, urns, age, j, unstable)
        end = min(t + dur, x)
        nxt = next((c for c in cuts if c[0] > t), None)
        if nxt is not None and nxt[0] < end:
            end = nxt[0]
            mode_next = nxt[1]
        else:
            mode_next = mode
        if (pls and pls[-1][1] == place and pls[-1][2] == prov and pls[-1][3] == urn) and not same:
            place = "U6" if place != "U6" else "U4"
        pls.append((t, place, prov, urn, same))
        # a respite stay with other carers during a long foster placement
        if place[0] == "U" and end - t > 240 and r.random() < 0.05:
            m = t + r.randint(60, end - t - 60)
            k = r.randint(5, 14)
            pls.append((m, "T3", "PR1", "", False))
            pls.append((m + k, place, prov, urn, False))
        t, mode, j = end, mode_next, j + 1
    return pls


def _adoptive_placement(r, urns: dict, pls: list, pa_same) -> tuple[str, str, str, bool]:
    """Placed for adoption: with the current foster carers (A5) or with new adopters (A6)."""
    prev_pl = pls[-1] if pls else None
    if pa_same and prev_pl and prev_pl[1][0] == "U":
        return "A5", prev_pl[2], prev_pl[3], True
    prov = r.choices(["PR1", "PR2", "PR5"], [60, 15, 25])[0]
    return "A6", prov, urns["adopt"] if prov == "PR1" else "", False


def _ordinary_placement(r, urns: dict, age: float, j: int, unstable: bool) -> tuple[str, str, str, int]:
    """The j-th placement of a period by age: short first placements, mostly long later ones."""
    place = _choose_place(r, age)
    prov, urn = _provider_and_urn(r, urns, place)
    if j == 0 and r.random() < 0.4:
        dur = max(1, int(r.lognormvariate(math.log(25), 0.9)))
    else:
        p_short = 0.6 if unstable else (0.2 if age < 10 else 0.3) * (1.0 if j <= 1 else 0.6)
        if r.random() < p_short:
            dur = max(3, int(r.lognormvariate(math.log(70), 0.8)))
        else:
            med = 1900 if age < 10 else 1300 if age < 16 else 500
            dur = max(30, int(r.lognormvariate(math.log(med), 0.8)))
            if place == "U6" and r.random() < 0.5:
                place = "U4"
            elif place == "U3" and r.random() < 0.5:
                place = "U1"
    return place, prov, urn, dur


def _add_episodes(r, ep: dict, R: dict, i: int, ch: int, e: int, x: int, pls: list, rpc_from: int) -> None:
    """Split period i into episodes: a new one at each change of placement or legal status."""
    ls_events = [(e, R["ls0"][i])]
    for dk, lk in (("ls1_date", "ls1"), ("ls2_date", "ls2")):
        d = int(R[dk][i])
        if d != NA and e < d < x:
            ls_events.append((d, R[lk][i]))
    ls_events.sort()
    pl_dates = {p[0]: p for p in pls}
    ls_dates = {d: v for d, v in ls_events}
    rows_start = len(ep["child"])
    _add_episode_starts(ep, i, ch, pl_dates, ls_dates)
    n_rows = len(ep["child"]) - rows_start
    for k in range(n_rows):
        row = rows_start + k
        last = k == n_rows - 1
        ep["dec"].append(x if last else ep["decom"][row + 1])
        ep["rec"].append(str(R["rec"][i]) if last else "X1")
        rpc = ""
        if not last and ep["rne"][row + 1] in ("P", "B", "T", "U") and ep["decom"][row + 1] >= rpc_from:
            rpc = "PLACE" if ep["rne"][row + 1] in ("T", "U") else r.choices(*_CHANGE_REASONS)[0]
        ep["rpc"].append(rpc)


def _add_episode_starts(ep: dict, i: int, ch: int, pl_dates: dict, ls_dates: dict) -> None:
    """One row per episode start, with its reason for new episode (RNE)."""
    cur_pl, cur_ls = None, None
    for bi, bd in enumerate(sorted(set(pl_dates) | set(ls_dates))):
        pl_chg = bd in pl_dates
        ls_chg = bd in ls_dates and (cur_ls is not None and ls_dates[bd] != cur_ls)
        if pl_chg:
            cur_pl = pl_dates[bd]
        if bd in ls_dates:
            cur_ls = ls_dates[bd]
        if bi == 0:
            rne = "S"
        elif pl_chg and ls_chg:
            rne = "U" if cur_pl[4] else "B"
        elif pl_chg:
            rne = "T" if cur_pl[4] else "P"
        elif ls_chg:
            rne = "L"
        else:
            continue
        ep["child"].append(ch)
        ep["period"].append(i)
        ep["decom"].append(bd)
        ep["rne"].append(rne)
        ep["ls"].append(cur_ls)
        ep["place"].append(cur_pl[1])
        ep["prov"].append(cur_pl[2])
        ep["urn"].append(cur_pl[3])
        ep["carer"].append(0 if rne in ("S", "P", "B") else 1)


def _add_missing(r, missing: dict, ch: int, dob: int, e: int, x: int) -> None:
    """Going missing (or away without authorisation) from 12 while in care."""
    t12 = max(e, dob + int(12 * Y))
    if t12 < x and r.random() < 0.28:
        years = (x - t12) / Y
        k = min(60, int(r.expovariate(1 / max(0.01, 3.0 * years))) + 1)
        starts = sorted({t12 + r.randint(0, max(0, x - t12 - 1)) for _ in range(k)})
        for st in starts:
            dur = min(int(r.lognormvariate(math.log(1.5), 1.0)), 60)
            missing["child"].append(ch)
            missing["start"].append(st)
            missing["end"].append(min(st + dur, x))
            missing["kind"].append("M" if r.random() < 0.75 else "A")


def _short_break_episodes(la: Authority, ep: dict) -> None:
    """Series of short breaks: V3 stays of a few days, or V4 agreements of about a year."""
    r = la.py
    cin_start, closure = la.sb_window
    for k, ch in enumerate(la.sb_children.tolist()):
        t, stop = int(cin_start[k]) + r.randint(10, 40), int(closure[k])
        place = "K2" if r.random() < 0.6 else "U6"
        v4 = bool(la.sb_v4[k])
        while t < stop - 5:
            length = r.randint(300, 365) if v4 else r.randint(2, 3)
            dec = min(t + length, stop)
            row = (ch, -1, t, dec, "S", "V4" if v4 else "V3", place, "PR1", "E4A", "", "", 0)
            for key, val in zip(_EPISODE_KEYS, row):
                ep[key].append(val)
            t = dec + (r.randint(2, 10) if v4 else r.randint(18, 45))


# ================================================================ care leavers (OC3)
def oc3_cohort(la: Authority) -> dict:
    """Care leavers: in care (not on short breaks) after their 16th birthday, 13+ weeks after their 14th.
    The 19-year-olds of collection years up to _OC3_YEAR1_LAST are instead the Year 1 cohort of B11/B12
    (seed 002:2084-2085): in care, not on short breaks, on the 1 April when aged 16
    (the 1 April in their 17th year), so that the warehouse's comparison of the two finds nothing."""
    year1, kids = _care_leavers(la)
    C = la.C
    rows = {"child": [], "year": [], "age": []}
    D_first = la.years()[0]
    for age, members, year1_rows in ((19, year1, True), (19, kids, False), (20, kids, False), (21, kids, False)):
        bd = add_years(C.dob[members], age)
        coll = (bd.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
                + (month_index(bd) >= 3))
        ok = (bd <= la.D1) & (coll >= D_first) & ((age == 19) | (coll >= 2016))
        ok &= (coll <= _OC3_YEAR1_LAST) if year1_rows else ((age > 19) | (coll > _OC3_YEAR1_LAST))
        rows["child"].append(members[ok]); rows["year"].append(coll[ok])
        rows["age"].append(np.full(int(ok.sum()), age))
    out = {k: np.concatenate(v).astype(np.int64) for k, v in rows.items()}
    out.update(_oc3_outcomes(la.rng, len(out["child"])))
    return out


def _care_leavers(la: Authority) -> tuple[np.ndarray, np.ndarray]:
    """(the Year 1 cohort: in care on the 1 April when aged 16, the later DfE cohort of care leavers)."""
    E, C = la.E, la.C
    m = ~np.isin(E["ls"], ["V3", "V4"])
    ch, s, e = E["child"][m], E["decom"][m], E["dec"][m]
    dob = C.dob[ch]
    b14, b16 = add_years(dob, 14), add_years(dob, 16)
    apr = (b16.astype("datetime64[D]").astype("datetime64[Y]").astype("datetime64[M]") + 3) \
        .astype("datetime64[D]").astype(np.int64)  # 1 April of the year of the 16th birthday
    apr = np.where(b16 <= apr, apr, add_years(apr, 1))
    year1 = np.unique(ch[(s <= apr) & (e > apr)])  # an episode ending on the day has ended by it
    after14 = np.maximum(0, e - np.maximum(s, b14))
    uniq, inv = np.unique(ch, return_inverse=True)
    t14 = np.bincount(inv, weights=after14, minlength=len(uniq))
    last_end = np.zeros(len(uniq), np.int64)
    np.maximum.at(last_end, inv, e)
    rec_last = np.full(len(uniq), "", "<U3")
    is_last = e == last_end[inv]
    rec_last[inv[is_last]] = E["rec"][m][is_last]
    in16 = np.zeros(len(uniq), bool)
    np.logical_or.at(in16, inv, e > b16)
    perm = np.isin(rec_last, ["E11", "E12", "E45", "E46", "E41", "E47", "E48", "E2"])
    elig = in16 & (t14 >= 91) & ~perm & (last_end <= la.D1)
    return year1, uniq[elig]


def _oc3_outcomes(rng, n: int) -> dict:
    """In touch, activity and accommodation of n care leavers (nothing recorded when not in touch)."""
    touch = choose_codes(rng, ["YES", "NO", "REFU", "NREQ", "RHOM", "DIED"], [85, 5, 2, 4.5, 3.3, 0.2], n)
    activ = choose_codes(rng, ["F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6"],
                         [5, 1, 16, 4, 21, 5, 3, 1, 8, 29, 7], n)
    suit = choose_codes(rng, ["B1", "C1", "D1", "E1", "G1", "H1", "K1", "R1", "T1", "U1", "Y1"],
                        [6, 6, 3, 20, 9, 1, 1, 6, 4, 40, 4], n)
    unsuit = choose_codes(rng, ["B2", "C2", "E2", "G2", "S2", "T2", "U2", "V2", "W2", "X2", "Y2"],
                          [8, 5, 10, 4, 12, 8, 15, 10, 8, 15, 5], n)
    accom = np.where(rng.random(n) < 0.92, suit, unsuit)
    gone = np.isin(touch, ["NO", "REFU", "DIED", "RHOM"])  # DfE: nothing recorded for these
    return {"touch": touch, "activ": np.where(gone, "0", activ), "accom": np.where(gone, "0", accom)}


# ================================================================ SSDA903 files
def write(la: Authority, out: pathlib.Path) -> None:
    """One folder per collection year, each that year's own return (open episodes have no DEC)."""
    reviews, adoptions = _reviews(la), _adoptions(la)
    for year in la.years():
        ys, ye = dn(date(year - 1, 4, 1)), dn(date(year, 3, 31))
        view = min(ye, la.D1)
        ch = _write_episodes(la, out, year, ys, view)
        _write_header(la, out, year, ch, view)
        _write_oc3(la, out, year)
        _write_missing(la, out, year, ys, view)
        _write_placed_for_adoption(la, out, year, ys, view)
        _write_reviews(la, out, year, ys, view, reviews)
        _write_ad1(la, out, year, ys, view, adoptions)


def _write_episodes(la: Authority, out: pathlib.Path, year: int, ys: int, view: int) -> np.ndarray:
    """Episodes open at some time in the year; returns their children."""
    E, cid = la.E, la.cid
    ei = np.flatnonzero((E["decom"] <= view) & (E["dec"] >= ys))
    ei = ei[np.lexsort((E["decom"][ei], cid[E["child"][ei]]))]
    dec = E["dec"][ei]
    open_ = dec > view
    ch = E["child"][ei]
    la.write(out, HEADERS, "placement/ssda903/*/episodes.csv", [
        as_str(cid[ch]), fmt_dates(E["decom"][ei], True), E["rne"][ei].tolist(), E["ls"][ei].tolist(),
        E["cin"][ei].tolist(), E["place"][ei].tolist(), E["prov"][ei].tolist(),
        fmt_dates(np.where(open_, NA, dec), True), np.where(open_, "", E["rec"][ei]).tolist(),
        np.where(open_, "", E["rpc"][ei]).tolist(), [""] * len(ei), [""] * len(ei), E["urn"][ei].tolist()],
        year=year)
    return ch


def _write_header(la: Authority, out: pathlib.Path, year: int, ch: np.ndarray, view: int) -> None:
    """One header row per child with an episode in the year: UPN from 5, mothers from 12."""
    C, cid, rng = la.C, la.cid, la.rng
    kids = np.unique(ch)
    kids = kids[np.argsort(cid[kids], kind="stable")]
    dob = C.dob[kids]
    female = C.sex[kids] == 2
    age_ye = (view - dob) / Y
    mother = female & (age_ye >= 13) & (rng.random(len(kids)) < 0.04)
    mc_dob = np.where(mother, view - rng.integers(30, 700, len(kids)), NA)
    mc_dob = np.where(mother, np.maximum(mc_dob, dob + int(13 * Y)), NA)
    upn_digits = rng.integers(10**11, 10**12, len(kids))
    upn_letter = np.array(list("ABCDEFGHJKLMNPQRTUVWXYZ"), object)[rng.integers(0, 23, len(kids))]
    upn = np.where(age_ye >= 5, [f"{a}{b:012d}" for a, b in zip(upn_letter.tolist(), upn_digits.tolist())],
                   "")
    la.write(out, HEADERS, "placement/ssda903/*/header.csv", [
        as_str(cid[kids]), as_str(C.sex[kids]), fmt_dates(dob, True),
        np.asarray(ETHNIC, object)[C.eth[kids]].tolist(), upn.tolist(),
        np.where(female & (age_ye >= 12), np.where(mother, "1", "0"), "").tolist(),
        fmt_dates(mc_dob, True)], year=year)


def _write_oc3(la: Authority, out: pathlib.Path, year: int) -> None:
    O, C, cid = la.oc3, la.C, la.cid
    oi = np.flatnonzero(O["year"] == year)
    oi = oi[np.argsort(cid[O["child"][oi]], kind="stable")]
    la.write(out, HEADERS, "placement/ssda903/*/oc3.csv", [
        as_str(cid[O["child"][oi]]), fmt_dates(C.dob[O["child"][oi]], True), O["touch"][oi].tolist(),
        O["activ"][oi].tolist(), O["accom"][oi].tolist()], year=year)


def _write_missing(la: Authority, out: pathlib.Path, year: int, ys: int, view: int) -> None:
    M, C, cid = la.M, la.C, la.cid
    mi = np.flatnonzero((M["start"] >= ys) & (M["start"] <= view))
    mi = mi[np.lexsort((M["start"][mi], cid[M["child"][mi]]))]
    mend = np.where(M["end"][mi] > view, NA, M["end"][mi])
    la.write(out, HEADERS, "placement/ssda903/*/missing.csv", [
        as_str(cid[M["child"][mi]]), fmt_dates(C.dob[M["child"][mi]], True), M["kind"][mi].tolist(),
        fmt_dates(M["start"][mi], True), fmt_dates(mend, True)], year=year)


def _write_placed_for_adoption(la: Authority, out: pathlib.Path, year: int, ys: int, view: int) -> None:
    """Adoption decisions open in the year, and how they ceased (adopted, or the decision reversed: RD1)."""
    R, C, cid = la.R, la.C, la.cid
    ceased = np.where(R["ceased"] != NA, R["ceased"], np.where(np.isin(R["rec"], ["E11", "E12"]), R["exit"], NA))
    reason = np.where(R["ceased"] != NA, "RD1", R["rec"])
    pi = np.flatnonzero((R["adm"] != NA) & (R["adm"] <= view) & ((ceased == NA) | (ceased >= ys))
                        & (R["adm"] < R["exit"]))
    pi = pi[np.argsort(cid[R["child"][pi]], kind="stable")]
    pc = np.where(ceased[pi] > view, NA, ceased[pi])
    la.write(out, HEADERS, "placement/ssda903/*/placed_for_adoption.csv", [
        as_str(cid[R["child"][pi]]), fmt_dates(C.dob[R["child"][pi]], True), fmt_dates(R["adm"][pi], True),
        fmt_dates(pc, True), np.where(pc == NA, "", reason[pi]).tolist()], year=year)


def _reviews(la: Authority) -> dict[str, np.ndarray]:
    """Looked after reviews of every period of care (not short breaks), drawn from a stream of
    their own: the first within 20 working days of entering care (27 calendar days at most),
    the second within 3 months, then every 6 months, about 92% in time; none after care ends
    or after the extract date. The child's participation: PN0 under 4, else PN1-PN7."""
    E, C, cid = la.E, la.C, la.cid
    rng = la.side_rng(1)
    rows: dict[str, list] = {"child": [], "date": []}
    periods = np.unique(E["period"][(E["period"] >= 0) & ~np.isin(E["ls"], ["V3", "V4"])])
    for p in periods.tolist():
        rows_p = np.flatnonzero(E["period"] == p)
        start, end = int(E["decom"][rows_p].min()), int(min(E["dec"][rows_p].max(), la.D1))
        ch = int(E["child"][rows_p[0]])
        on_time = rng.random(64) < _REVIEWS_ON_TIME
        t, k = start, 0
        while k < 64:
            if k == 0:
                t += int(rng.integers(10, 28)) if on_time[k] else int(rng.integers(30, 46))
            elif k == 1:
                t += int(rng.integers(70, 89)) if on_time[k] else int(rng.integers(95, 121))
            else:
                t += int(rng.integers(150, 181)) if on_time[k] else int(rng.integers(186, 221))
            if t > end:
                break
            rows["child"].append(ch)
            rows["date"].append(t)
            k += 1
    child, day = np.array(rows["child"], np.int64), np.array(rows["date"], np.int64)
    codes = choose_codes(rng, _REVIEW_CODES[0], _REVIEW_CODES[1], len(child))
    under_4 = day < add_years(C.dob[child], 4)
    order = np.lexsort((day, cid[child]))
    return {"child": child[order], "date": day[order], "code": np.where(under_4, "PN0", codes)[order]}


def _write_reviews(la: Authority, out: pathlib.Path, year: int, ys: int, view: int, reviews: dict) -> None:
    """The reviews held in the collection year (to the extract date in the last one)."""
    i = np.flatnonzero((reviews["date"] >= ys) & (reviews["date"] <= view))
    ch = reviews["child"][i]
    la.write(out, HEADERS, "placement/ssda903/*/reviews.csv", [
        as_str(la.cid[ch]), fmt_dates(la.C.dob[ch], True), fmt_dates(reviews["date"][i], True),
        reviews["code"][i].tolist()], year=year)


def _adoptions(la: Authority) -> dict[str, np.ndarray]:
    """AD1 of every child adopted (a period ending E11/E12) after a placement for adoption
    (PLACE A3-A6) under a placement order (LS E1), from a stream of its own: matched 2-8 weeks
    before moving in with the adopters (a few before the order, as A2 counts as 0)."""
    E, R = la.E, la.R
    rng = la.side_rng(2)
    out: dict[str, list] = {k: [] for k in ("child", "adopted", "adm", "match", "foster")}
    last = np.flatnonzero(np.isin(E["rec"], ["E11", "E12"]) & (E["period"] >= 0))
    for row in last.tolist():
        rows_p = np.flatnonzero(E["period"] == E["period"][row])
        placed = rows_p[np.isin(E["place"][rows_p], ["A3", "A4", "A5", "A6"])]
        if not len(placed) or not np.isin(E["ls"][rows_p], ["E1", "D1"]).any():
            continue
        first = placed[np.argmin(E["decom"][placed])]
        out["child"].append(int(E["child"][row]))
        out["adopted"].append(int(E["dec"][row]))
        out["adm"].append(int(R["adm"][int(E["period"][row])]))
        out["match"].append(int(E["decom"][first]) - int(rng.integers(14, 57)))
        out["foster"].append("1" if E["place"][first] in ("A3", "A5") else "0")
    return {k: np.array(v, "<U1" if k == "foster" else np.int64) for k, v in out.items()}


def _write_ad1(la: Authority, out: pathlib.Path, year: int, ys: int, view: int, adoptions: dict) -> None:
    """AD1 rows of the children adopted in the collection year (to the extract date)."""
    i = np.flatnonzero((adoptions["adopted"] >= ys) & (adoptions["adopted"] <= view))
    ch = adoptions["child"][i]
    la.write(out, HEADERS, "placement/ssda903/*/ad1.csv", [
        as_str(la.cid[ch]), fmt_dates(la.C.dob[ch], True), fmt_dates(adoptions["adm"][i], True),
        fmt_dates(adoptions["match"][i], True), adoptions["foster"][i].tolist(),
        ["2"] * len(i), ["MF"] * len(i), ["L0"] * len(i)], year=year)
