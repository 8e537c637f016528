"""Workforce: the funded establishment, who filled each post when, supervisions and sickness absence.

`simulate` sizes the establishment from the open cases of each team (`la.stages`, from the
case family) and fills each post with a sequence of permanent or agency workers from ten
years back; `write` writes staff, posts, supervisions and absences.
"""

from __future__ import annotations

import math
import pathlib
from datetime import date

import numpy as np

from orchestration.demo_data.core import (
    NA, Authority, busday_add, busday_count, choose_codes, dn, fmt_dates, fy_starts, month_index, pick,
    repeat_schedule, to_date, to_weekday,
)

HEADERS: dict[str, list[str]] = {
    "workforce/staff.csv": ["worker_id", "agency_worker", "job_title", "org_role", "team", "frontline",
                            "qualified_social_worker", "caseholding", "fte", "start_date", "end_date",
                            "reason_leave"],
    "workforce/posts.csv": ["post_id", "team", "job_title", "frontline", "fte", "start_date", "end_date"],
    "workforce/supervisions.csv": ["supervision_id", "worker_id", "supervision_date"],
    "workforce/absences.csv": ["absence_id", "worker_id", "start_date", "end_date", "working_days_lost", "reason"],
}

TARGET_CASELOAD = 26.0  # calibration: open cases per qualified social worker the establishment is funded for
_ROLES = {
    # role: (job titles, org_role, frontline, qualified, caseholding, p_agency)
    "sw": (["Social Worker"] * 7 + ["Senior Social Worker"] * 2 + ["Advanced Practitioner"], "5", "Y", "Y",
           "Y", 0.22),
    "tm": (["Team Manager"], "3", "Y", "Y", "N", 0.25),
    "sm": (["Service Manager"], "2", "N", "Y", "N", 0.10),
    "hos": (["Head of Service"], "1", "N", "Y", "N", 0.05),
    "iro": (["Independent Reviewing Officer"], "6", "N", "Y", "N", 0.20),
    "pa": (["Personal Adviser"], "", "N", "N", "Y", 0.10),
    "fsw": (["Family Support Worker"], "", "N", "N", "N", 0.05),
    "bs": (["Business Support Officer"], "", "N", "N", "N", 0.03),
}
_GROUP_NAMES = ["ACPS Team", "CIN and CP Team", "Children in Care Team"]
_SERVICE_TEAMS = {"hos": "Senior Management", "iro": "Independent Reviewing Service", "pa": "Leaving Care Team",
                  "fsw": "Family Support Service", "bs": "Business Support"}
_RESTRUCTURE = date(2016, 4, 1)  # business support posts cut from this year (in authorities above half size)


# ================================================================ posts and staff
def simulate(la: Authority) -> None:
    """Funded posts, and who filled each of them when (permanent or agency), from ten years back
    (sets la.posts, la.W, la.worker_ids)."""
    fys = fy_starts(la.H, la.D1)
    posts = _establishment(la, fys)
    T0 = la.H - 10 * 365
    post_rows, staff_rows = [], []
    team_count: dict = {}
    worker_seq = 0
    for pi, p in enumerate(posts):
        role, g, fi = p[0], p[1], p[2]
        p_end = p[3] if len(p) > 3 else NA
        titles, _, frontline, *_ = _ROLES[role]
        team = _team(role, g, team_count)
        title = titles[la.py.randrange(len(titles))]
        p_start = fys[fi] if fi > 0 else dn(date(to_date(fys[0]).year - 2, 4, 1))
        post_rows.append((pi, team, title, frontline, 1.0, p_start, p_end))
        t = T0 if fi == 0 else p_start + int(la.py.expovariate(1 / 60))
        worker_seq = _fill_post(la, staff_rows, worker_seq, role, g, team, title, t, fi == 0, p_end)
    la.posts = post_rows
    la.W = _staff_table(la, staff_rows)
    la.worker_ids = np.array(la.ids(worker_seq, "W", 5), dtype=object)


def _establishment(la: Authority, fys: list[int]) -> list[tuple]:
    """Posts funded each financial year, from the peak open cases of each team in the year:
    (role, group, index of the first financial year[, end date])."""
    s = la.scale
    probe = np.arange(la.H, la.D1 + 1, 14)
    counts = _open_cases(la.stages, probe)
    posts = []
    prev = {}
    for fi, fy in enumerate(fys):
        sel = (probe >= fy) & (probe < fy + 366)
        need = {}
        for g in range(3):
            need[("sw", g)] = math.ceil(counts[g][sel].max() / TARGET_CASELOAD / 0.86)
            need[("tm", g)] = math.ceil(need[("sw", g)] / 7)
            need[("sm", g)] = 1
        need[("hos", 0)] = 2
        need[("iro", 0)] = math.ceil((counts[2][sel].max() + 340 * s) / 95)
        need[("pa", 0)] = max(2, round(6 * s))
        need[("fsw", 0)] = max(2, round(5 * s))
        need[("bs", 0)] = max(2, round(7 * s)) - (1 if fy >= dn(_RESTRUCTURE) and s > 0.5 else 0)
        for key, k in need.items():
            have = prev.get(key, 0)
            if k > have:
                posts.extend((key[0], key[1], fi) for _ in range(k - have))
                prev[key] = k
            elif key[0] == "bs" and k < have:
                # a restructure deletes business support posts
                cut = have - k
                for pi in range(len(posts) - 1, -1, -1):
                    if cut and posts[pi][0] == "bs" and len(posts[pi]) == 3:
                        posts[pi] = posts[pi] + (fy - 1,)
                        cut -= 1
                prev[key] = k
    return posts


def _open_cases(stages: dict, probe: np.ndarray) -> dict[int, np.ndarray]:
    """Open cases of each team group on each probe day."""
    counts = {}
    for g in range(3):
        m = stages["group"] == g
        ss, ee = np.sort(stages["s"][m]), np.sort(stages["e"][m])
        counts[g] = np.searchsorted(ss, probe, "right") - np.searchsorted(ee, probe, "left")
    return counts


def _team(role: str, g: int, team_count: dict) -> str:
    """Team of the next post of a role: social workers in teams of seven, one team manager per team."""
    if role not in ("sw", "tm", "sm"):
        return _SERVICE_TEAMS[role]
    k = team_count.get((role, g), 0)
    team_count[(role, g)] = k + 1
    if role == "tm":
        return f"{_GROUP_NAMES[g]} {k + 1}"
    return f"{_GROUP_NAMES[g]} {k // 7 + 1}" if role != "sm" else f"{_GROUP_NAMES[g]} management"


def _fill_post(la: Authority, staff_rows: list, worker_seq: int, role: str, g: int, team: str, title: str,
               t: int, first: bool, p_end: int) -> int:
    """The occupants of one post from t, with vacancy gaps between them; returns the last worker number used."""
    r = la.py
    _, org_role, frontline, qual, caseh, p_ag = _ROLES[role]
    stop = p_end if p_end != NA else la.D1 + 1
    convert_next = None
    while t < stop:
        if convert_next is not None:
            wid, agency = convert_next, False
            convert_next = None
        else:
            worker_seq += 1
            wid, agency = worker_seq, r.random() < p_ag
        if agency:
            tenure = 30 + int(r.expovariate(1 / 850))
        elif r.random() < 0.2:
            tenure = 30 + int(r.expovariate(1 / 450))
        else:
            tenure = 30 + int(r.expovariate(1 / 3200))
        start = t
        if first:
            start = t - r.randint(0, 2500 if not agency else 300)
            first = False
            tenure = max(tenure, t - start + 30)
        end = start + tenure
        reason = ""
        if end >= stop and p_end != NA:
            end, reason = p_end, "redundancy"
        elif agency:
            if r.random() < 0.2:
                reason, convert_next = "converted_to_permanent", wid
            else:
                reason = "end_of_assignment"
        else:
            reason = r.choices(["resignation", "retirement", "dismissal", "end_of_fixed_term", "other"],
                               [68, 10, 4, 6, 12])[0]
        fte = 1.0 if agency or r.random() < 0.86 else r.choice([0.5, 0.6, 0.8])
        staff_rows.append((wid, agency, title, org_role, team, frontline, qual, caseh, fte, start, end,
                           reason, role, g))
        t = end + 1 if convert_next is not None else end + 1 + int(r.expovariate(1 / 95))
    return worker_seq


def _staff_table(la: Authority, staff_rows: list) -> dict[str, np.ndarray]:
    """Staff rows employed at some time from a year before start to the end, as parallel arrays."""
    cols = list(zip(*staff_rows))
    W = {
        "wid": np.array(cols[0], np.int64), "agency": np.array(cols[1], bool), "title": np.array(cols[2]),
        "org_role": np.array(cols[3]), "team": np.array(cols[4]), "frontline": np.array(cols[5]),
        "qual": np.array(cols[6]), "caseh": np.array(cols[7]), "fte": np.array(cols[8], float),
        "start": np.array(cols[9], np.int64), "end": np.array(cols[10], np.int64), "reason": np.array(cols[11]),
        "role": np.array(cols[12]), "group": np.array(cols[13], np.int64),
    }
    keep = (W["end"] >= la.H) & (W["start"] <= la.D1)
    W = {k: v[keep] for k, v in W.items()}
    order = np.lexsort((W["start"], W["wid"]))
    return {k: v[order] for k, v in W.items()}


# ================================================================ files
def write(la: Authority, out: pathlib.Path) -> None:
    """staff, posts, supervisions and absences."""
    _write_staff_and_posts(la, out)
    _write_supervisions(la, out)
    _write_absences(la, out)


def _write_staff_and_posts(la: Authority, out: pathlib.Path) -> None:
    W, D1, H, wids = la.W, la.D1, la.H, la.worker_ids
    end_out = np.where(W["end"] > D1, NA, W["end"])
    la.write(out, HEADERS, "workforce/staff.csv", [
        wids[W["wid"] - 1].tolist(), np.where(W["agency"], "Y", "N").tolist(), W["title"].tolist(),
        W["org_role"].tolist(), W["team"].tolist(), W["frontline"].tolist(), W["qual"].tolist(),
        W["caseh"].tolist(), [f"{x:.1f}" for x in W["fte"].tolist()], fmt_dates(W["start"]),
        fmt_dates(end_out), np.where(end_out == NA, "", W["reason"]).tolist()])
    P = [p for p in la.posts if p[5] <= D1 and (p[6] == NA or p[6] >= H)]
    ids = la.ids(len(la.posts), "P", 5)
    la.write(out, HEADERS, "workforce/posts.csv", [
        [ids[p[0]] for p in P], [p[1] for p in P], [p[2] for p in P], [p[3] for p in P],
        [f"{p[4]:.1f}" for p in P], fmt_dates([p[5] for p in P]),
        fmt_dates([p[6] if p[6] != NA and p[6] <= D1 else NA for p in P])])


def _write_supervisions(la: Authority, out: pathlib.Path) -> None:
    """Caseholding staff, every 3-5 weeks (sometimes late)."""
    W, rng, wids = la.W, la.rng, la.worker_ids
    ch = np.flatnonzero(W["caseh"] == "Y")
    s0 = np.maximum(W["start"][ch], la.H)
    e0 = np.minimum(W["end"][ch], la.D1)
    k, dts = repeat_schedule(
        rng, s0, e0, 7, 28,
        lambda k: np.select([rng.random(k) < 0.86, rng.random(k) < 0.8],
                            [rng.integers(21, 36, k), rng.integers(36, 50, k)], rng.integers(50, 90, k)))
    dts = to_weekday(dts, back=True)
    o = np.lexsort((W["wid"][ch][k], dts))
    la.write(out, HEADERS, "workforce/supervisions.csv", [
        la.ids(len(dts)), wids[W["wid"][ch][k][o] - 1].tolist(), fmt_dates(dts[o])])


def _write_absences(la: Authority, out: pathlib.Path) -> None:
    """Short, medium and long spells of sickness; a sickness rate of about 4-5.5%."""
    W, rng, D1, wids = la.W, la.rng, la.D1, la.worker_ids
    s0 = np.maximum(W["start"], la.H)
    e0 = np.minimum(W["end"], D1)
    k, dts = repeat_schedule(rng, s0, e0, 0, 360, lambda k: rng.exponential(360, k).astype(np.int64) + 5)
    dts = to_weekday(dts)
    keep = dts <= D1
    k, dts = k[keep], dts[keep]
    m = len(dts)
    kind = pick(rng, [.64, .26, .10], m)
    length = np.select([kind == 0, kind == 1], [rng.integers(1, 4, m), rng.integers(4, 16, m)],
                       rng.integers(16, 121, m))
    winter = np.isin(month_index(dts), [0, 1, 10, 11])
    length = np.where(winter & (kind == 0) & (rng.random(m) < 0.3), length + 1, length)
    a_end = busday_add(dts, length - 1)
    a_end = np.minimum(a_end, W["end"][k])
    keep = a_end >= dts
    k, dts, a_end, kind = k[keep], dts[keep], a_end[keep], kind[keep]
    m = len(dts)
    shown_end = np.where(a_end > D1, NA, a_end)
    lost = busday_count(dts, np.minimum(a_end, D1) + 1) * W["fte"][k]
    reason = np.where(kind == 2, choose_codes(rng, ["stress_anxiety_depression", "musculoskeletal",
                                                    "surgery_hospital", "other"], [45, 25, 20, 10], m),
                      choose_codes(rng, ["infection_cold_flu", "gastrointestinal", "musculoskeletal",
                                         "stress_anxiety_depression", "other"], [38, 22, 14, 12, 14], m))
    o = np.lexsort((W["wid"][k], dts))
    la.write(out, HEADERS, "workforce/absences.csv", [
        la.ids(m), wids[W["wid"][k][o] - 1].tolist(), fmt_dates(dts[o]), fmt_dates(shown_end[o]),
        [f"{x:.1f}" for x in lost[o].tolist()], reason[o].tolist()])
