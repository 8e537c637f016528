"""Case management: children, contacts, referrals and what each leads to, allocations, visits and audits.

`simulate` draws every referral from the burn-in start (six years before `start`) with its
pathway (no further action, assessment, CIN plan, section 47 and CP plan, or care, whose
period the placement family draws), and re-referrals after it closes. `simulate_stages` says
which team should hold each open case, `allocate` gives each stage to social workers of the
workforce; `write` and `write_casework` write the case files.
"""

from __future__ import annotations

import pathlib
from datetime import date

import numpy as np

from orchestration.demo_data.core import (
    ASSESS, CAO, CIN, CLA, CP, ETHNIC, HOME, NA, NEEDS, NFA, OTHER, SGO, Y, Authority, Children, as_str,
    busday_add, dn, fmt_dates, ln, month_index, pick, pick_rows, profile, repeat_schedule, to_weekday, weekday,
)
from orchestration.demo_data.placement import care_periods, oc3_cohort

HEADERS: dict[str, list[str]] = {
    "case/children.csv": ["child_id", "sex", "birth_date", "expected_birth_date", "ethnicity", "disabled", "death_date"],
    "case/contacts.csv": ["contact_id", "child_id", "contact_date", "contact_source", "outcome"],
    "case/referrals.csv": ["referral_id", "child_id", "referral_date", "referral_source", "primary_need_code",
                           "referral_nfa", "closure_date", "closure_reason"],
    "case/assessments.csv": ["assessment_id", "referral_id", "child_id", "start_date", "authorisation_date",
                             "child_seen"],
    "case/section47.csv": ["s47_id", "referral_id", "child_id", "start_date", "icpc_date", "icpc_not_required"],
    "case/cin_plans.csv": ["cin_plan_id", "referral_id", "child_id", "start_date", "end_date"],
    "case/cp_plans.csv": ["cp_plan_id", "referral_id", "child_id", "start_date", "end_date", "initial_category",
                          "latest_category", "number_of_previous_cpp"],
    "case/visits.csv": ["visit_id", "child_id", "worker_id", "visit_date", "visit_type", "child_seen", "seen_alone"],
    "case/case_audits.csv": ["audit_id", "child_id", "auditor_worker_id", "audit_date", "audit_type",
                             "overall_grade"],
    "case/allocations.csv": ["allocation_id", "child_id", "worker_id", "start_date", "end_date"],
    "case/care_proceedings.csv": ["proceedings_id", "child_id", "issue_date", "disposal_date", "disposal_type"],
    "case/foster_carer_approvals.csv": ["approval_id", "household_id", "approval_date", "carer_type"],
}
_APPROVALS_A_MONTH = 22 / 3  # "a further 22 foster carer approvals in the quarter" (seed 003:89)

# ------------------------------------------------------------------ code lists and mixes
_SOURCES = ["1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4", "5A", "5B", "5C", "5D",
            "6", "7", "8", "9", "10"]
_SOURCE_P = [.06, .01, .02, .02, .17, .02, .02, .03, .01, .02, .03, .05, .02, .08, .02, .03, .03, .30, .02, .02,
             .01, .01]
_NEED_P = [.55, .04, .04, .10, .14, .04, .01, .04, .04]
_CP_CATS = ["NEG", "EMO", "PHY", "SAB", "MUL"]
_CP_CAT_P = [.47, .36, .08, .04, .05]

# time profiles: (date, value) anchors, linear in between, flat outside
_REFERRALS_PER_QUARTER = [(date(2005, 4, 1), 1060), (date(2011, 4, 1), 1100), (date(2014, 4, 1), 1150),
                          (date(2016, 10, 1), 1180), (date(2017, 6, 1), 1260), (date(2017, 10, 1), 1300),
                          (date(2018, 6, 1), 1320), (date(2018, 7, 15), 960), (date(2019, 3, 31), 1000)]
_CONTACTS_PER_QUARTER = [(date(2011, 4, 1), 5380), (date(2014, 4, 1), 5500), (date(2017, 7, 1), 5600),
                         (date(2018, 7, 1), 5690), (date(2019, 3, 31), 5720)]
_MONTH_FACTOR = np.array([1.02, 1.00, 1.06, 0.95, 1.02, 1.02, 1.00, 0.85, 1.05, 1.10, 1.04, 0.89])
_CLA_TREND = [(date(2017, 6, 1), 1.0), (date(2018, 1, 1), 1.22), (date(2018, 10, 1), 1.0)]
_TIMELY = [(date(2011, 4, 1), 0.84), (date(2013, 4, 1), 0.87), (date(2015, 4, 1), 0.91), (date(2017, 4, 1), 0.94)]
_AUDIT_GRADES = ["outstanding", "good", "requires_improvement", "inadequate"]
_AUDIT_P = [(date(2011, 4, 1), [.07, .58, .27, .08]), (date(2015, 4, 1), [.09, .63, .22, .06]),
            (date(2017, 4, 1), [.13, .68, .16, .03])]

# Calibration constants (tuned so DEMO01 matches the published figures; see docs/demo_data.md)
REPEAT_SHARE = 0.38  # share of referrals that are re-referrals: new-child arrivals are the rest
CLA_RATE = 1.24  # multiplier on the probability that a referral leads to care
LEGACY_CLA_PER_YEAR = 375.0  # entries to care before the simulation window (for the stock at the start)


# ------------------------------------------------------------------ small shared steps
def _weekday_factor(days: np.ndarray) -> np.ndarray:
    """Arrivals on a weekday against a weekend day."""
    return np.where(weekday(days) < 5, 1.26, 0.35)


def _ages(rng, weights, n: int, cap_years: float) -> tuple[np.ndarray, np.ndarray]:
    """(age in days, unborn) of n children first known to the case system; weights: unborn, then 0, 1, ... 17."""
    age_cls = pick(rng, weights, n) - 1  # -1 = unborn
    age_days = np.where(age_cls < 0, -rng.integers(7, 150, n),
                        (age_cls * Y + rng.random(n) * Y).astype(np.int64))
    age_days = np.minimum(age_days, int(cap_years * Y))
    return age_days, age_cls < 0


def _unknown_after(a: np.ndarray, last: int) -> np.ndarray:
    """An end date after the extract date is not known yet."""
    return np.where((a != NA) & (a > last), NA, a)


# ================================================================ referrals
def simulate(la: Authority) -> None:
    """Every referral from the burn-in start to the end, with what it leads to (sets la.C, la.R)."""
    C = la.C = Children()
    leg_idx, l_ref = _legacy_children(la)
    new_idx, ref0 = _new_children(la)
    sb_start = _short_break_children(la)
    C.freeze()

    child = np.concatenate([leg_idx, new_idx])
    ref = np.concatenate([l_ref, ref0])
    forced = np.concatenate([np.full(len(leg_idx), CLA), np.full(len(new_idx), -1)])
    batches = _referral_rounds(la, child, ref, forced)
    batches.append(_short_break_referrals(la, la.sb_children, sb_start))
    R = {k: np.concatenate([b[k] for b in batches]) for k in batches[0]}
    order = np.lexsort((R["child"], R["ref"]))
    la.R = {k: v[order] for k, v in R.items()}


def _legacy_children(la: Authority) -> tuple[np.ndarray, np.ndarray]:
    """Children who came into care before the simulation window (kept if still in care at its start)."""
    rng, B = la.rng, la.B
    ldays = np.arange(B - 18 * 365, B)
    n_leg = rng.poisson(LEGACY_CLA_PER_YEAR * la.scale * len(ldays) / Y)
    l_entry = np.sort(rng.choice(ldays, n_leg))
    l_age = _cla_entry_age(rng, n_leg)
    l_dob = l_entry - l_age
    leg_idx = la.C.add(rng, l_dob)
    l_ref = l_entry - rng.integers(0, 30, n_leg)
    return leg_idx, l_ref


def _cla_entry_age(rng, n: int) -> np.ndarray:
    cls = pick(rng, [.22, .17, .17, .34, .10], n)
    lo = np.array([0, 1, 5, 10, 16])[cls]
    hi = np.array([1, 5, 10, 16, 17.5])[cls]
    return ((lo + (hi - lo) * rng.random(n)) * Y).astype(np.int64)


def _new_children(la: Authority) -> tuple[np.ndarray, np.ndarray]:
    """New children: first referrals arriving from the burn-in start to the end."""
    rng = la.rng
    days = np.arange(la.B, la.D1 + 1)
    rate = profile(days, _REFERRALS_PER_QUARTER) / 91.31 * _MONTH_FACTOR[month_index(days)] * _weekday_factor(days)
    ref0 = np.repeat(days, rng.poisson(rate * la.scale * (1 - REPEAT_SHARE)))
    age_days, unborn = _ages(rng, [3, 10] + [4.5] * 4 + [5] * 5 + [5.5] * 6 + [4.5] * 2, len(ref0), 17.5)
    new_idx = la.C.add(rng, ref0 - age_days, prebirth=unborn)
    return new_idx, ref0


def _short_break_children(la: Authority) -> np.ndarray:
    """Children with a series of short breaks (V3/V4): disabled, on a long CIN plan. Returns their referral dates."""
    rng = la.rng
    n_sb = max(2, int(round(11 * la.scale)))
    sb_start = la.D0 - rng.integers(30, 5 * 365, n_sb)
    sb_age = rng.integers(5, 14, n_sb) * Y + rng.random(n_sb) * Y
    la.sb_children = la.C.add(rng, (sb_start - sb_age).astype(np.int64), disabled=np.ones(n_sb, bool))
    la.sb_v4 = rng.random(n_sb) < 0.27
    return sb_start


def _referral_rounds(la: Authority, child, ref, forced) -> list[dict]:
    """Rounds of referrals: each child has at most one pending referral per round."""
    batches = []
    first = True
    while len(child):
        b = _referral_batch(la, child, ref, forced)
        if first:
            keep = ~((forced == CLA) & (b["exit"] <= la.B))
            b = {k: v[keep] for k, v in b.items()}
            first = False
        batches.append(b)
        child, ref, forced = _after_referral(la, b)
    return batches


def _after_referral(la: Authority, b: dict):
    """Record what a round of referrals left on each child's history; draw who is referred again, and when."""
    rng, C = la.rng, la.C
    ch = b["child"]
    C.ncp[ch] += b["cp_start"] != NA
    C.cla[ch] |= b["path"] == CLA
    died = b["rec"] == "E2"
    C.death[ch[died]] = b["exit"][died]
    n = len(ch)
    kind = b["kind"]
    p = np.select([b["path"] != CLA, kind == HOME, (kind == SGO) | (kind == CAO), kind == OTHER],
                  [0.47, 0.40, 0.10, 0.15], 0.0)
    p = np.where(died, 0.0, p)
    go = rng.random(n) < p
    gap = np.where(rng.random(n) < 0.55, rng.exponential(100, n), rng.exponential(700, n)).astype(np.int64) + 1
    nxt = b["closure"] + gap
    ok = go & (b["closure"] <= la.D1) & (nxt <= la.D1) & (nxt < C.b18[ch] - 180)
    return ch[ok], nxt[ok], np.full(int(ok.sum()), -1)


def _referral_batch(la: Authority, child, ref, forced) -> dict:
    """One referral per child: the pathway it follows and every record it leads to, as parallel arrays."""
    rng, C = la.rng, la.C
    n = len(child)
    ref = to_weekday(ref)
    dob, b18 = C.dob[child], C.b18[child]
    path, route = _pathway(la, child, ref, dob, forced)
    a_start, a_auth, a_seen = _assessment(rng, ref, path != NFA)
    s47_start, icpc, icpc_nr, cp_start, cp_end = _protection(rng, ref, path, route)
    cin1_start, cin1_end, entry, cp_end = _cin_plan_and_entry(rng, ref, dob, path, route, a_auth, cp_end)
    care = care_periods(la, np.flatnonzero(path == CLA), entry, dob, b18, ref, n)
    cin2_start, cin2_end, closure = _step_down_and_closure(rng, ref, b18, path, a_auth, cp_end, cin1_end, care)
    # nothing outlives the referral
    cp_start, cp_end = _within(cp_start, cp_end, closure)
    cin1_start, cin1_end = _within(cin1_start, cin1_end, closure)
    cin2_start, cin2_end = _within(cin2_start, cin2_end, closure)
    reason = _closure_reason(rng, path, care["rec"])
    need = pick(rng, _NEED_P, n)
    need = np.where((path == CLA) & (need == 8), 4, need)  # N9 is not a CIN code for a child in care

    out = {
        "child": child, "ref": ref, "path": path, "route": route, "src": pick(rng, _SOURCE_P, n),
        "need": need, "closure": closure, "reason": reason.astype("<U3"),
        "a_start": a_start, "a_auth": a_auth, "a_seen": a_seen,
        "s47_start": s47_start, "icpc": icpc, "icpc_nr": icpc_nr,
        "cp_start": cp_start, "cp_end": cp_end, "ncp": C.ncp[child].copy(),
        "cp_cat0": pick(rng, _CP_CAT_P, n), "cp_cat1": pick(rng, _CP_CAT_P, n),
        "cp_catchg": rng.random(n) < 0.1,
        "cin1_start": cin1_start, "cin1_end": cin1_end, "cin2_start": cin2_start, "cin2_end": cin2_end,
        "entry": entry,
    }
    out.update(care)
    return out


def _pathway(la: Authority, child, ref, dob, forced):
    """(pathway of each referral, route into care: 0 emergency, 1 via a CP plan, 2 via a CIN plan)."""
    rng, C = la.rng, la.C
    n = len(child)
    ageY = (ref - dob) / Y
    prev_cp, prev_cla = C.ncp[child] > 0, C.cla[child]
    p_nfa = np.full(n, 0.08)
    p_cla = np.select([ageY < 0, ageY < 1, ageY < 5, ageY < 10, ageY < 16], [.05, .075, .04, .03, .05], .04)
    p_cla = p_cla * CLA_RATE * profile(ref, _CLA_TREND) * np.where(prev_cla, 1.6, 1.0)
    p_cp = np.where(prev_cp, 0.22, 0.093)
    p_cin = np.full(n, 0.25)
    u = rng.random(n)
    c1, c2 = p_nfa, p_nfa + p_cla
    c3, c4 = c2 + p_cp, c2 + p_cp + p_cin
    path = np.where(u < c1, NFA, np.where(u < c2, CLA, np.where(u < c3, CP, np.where(u < c4, CIN, ASSESS))))
    path = np.where(forced >= 0, forced, path)
    route = np.where(forced >= 0, 0, pick(rng, [0.6, 0.16, 0.24], n))  # CLA: emergency, via CP, via CIN
    route = np.where(ageY >= 16, 0, route)
    return path, route


def _assessment(rng, ref, has_a):
    """(start, authorisation, child seen) of each referral's assessment: timeliness follows _TIMELY."""
    n = len(ref)
    a_start = to_weekday(ref + rng.choice([0, 0, 0, 0, 1, 1, 2, 3], n))
    timely = rng.random(n) < profile(ref, _TIMELY)
    wd = np.where(timely, 3 + np.floor(42.999 * rng.beta(2.2, 1.5, n)),
                  46 + np.minimum(np.floor(ln(rng, 9, 0.7, n)), 80)).astype(np.int64)
    a_auth = busday_add(a_start, wd)
    a_seen = rng.random(n) < 0.95
    return np.where(has_a, a_start, NA), np.where(has_a, a_auth, NA), a_seen


def _protection(rng, ref, path, route):
    """Section 47 enquiries, initial conferences and CP plans (CP start = ICPC date)."""
    n = len(ref)
    is_cla, is_cp = path == CLA, path == CP
    emerg, via_cp = is_cla & (route == 0), is_cla & (route == 1)
    u = rng.random(n)
    s47 = is_cp | via_cp | (emerg & (u < 0.55)) | ((path == CIN) & (u < 0.30)) | ((path == ASSESS) & (u < 0.10))
    s47_start = np.where(s47, to_weekday(ref + rng.integers(0, 8, n)), NA)
    icpc_noplan = (path == CIN) & s47 & (rng.random(n) < 0.3)
    has_icpc = is_cp | via_cp | icpc_noplan
    icpc = np.where(has_icpc, busday_add(s47_start, rng.integers(5, 21, n)), NA)
    icpc_nr = s47 & ~has_icpc & (rng.random(n) < 0.06)

    has_cp = is_cp | via_cp
    long_cp = rng.random(n) < 0.075
    cp_dur = np.where(long_cp, rng.integers(560, 1150, n), np.clip(ln(rng, 175, 0.6, n), 20, 1500))
    cp_dur = np.where(via_cp, np.clip(ln(rng, 120, 0.7, n), 15, 700), cp_dur).astype(np.int64)
    cp_start = np.where(has_cp, icpc, NA)
    cp_end = np.where(has_cp, cp_start + cp_dur, NA)
    return s47_start, icpc, icpc_nr, cp_start, cp_end


def _cin_plan_and_entry(rng, ref, dob, path, route, a_auth, cp_end):
    """The CIN plan (instead of, or before, care) and the day care starts: the plan before care ends on it."""
    n = len(ref)
    is_cla = path == CLA
    emerg, via_cp, via_cin = is_cla & (route == 0), is_cla & (route == 1), is_cla & (route == 2)
    cin1 = (path == CIN) | via_cin
    cin1_start = np.where(cin1, to_weekday(np.maximum(a_auth, ref) + rng.integers(1, 15, n)), NA)
    cin1_dur = np.where(path == CIN, np.clip(ln(rng, 215, 0.75, n), 20, 2500),
                        np.clip(ln(rng, 120, 0.7, n), 15, 700)).astype(np.int64)
    cin1_end = np.where(cin1, cin1_start + cin1_dur, NA)

    entry = np.select([emerg, via_cp, via_cin], [ref + rng.integers(0, 15, n), cp_end, cin1_end], NA)
    entry = np.where(is_cla, np.maximum(entry, dob + rng.integers(0, 3, n)), NA)
    cp_end = np.where(via_cp, entry, cp_end)
    cin1_end = np.where(via_cin, entry, cin1_end)
    return cin1_start, cin1_end, entry, cp_end


def _step_down_and_closure(rng, ref, b18, path, a_auth, cp_end, cin1_end, care):
    """The CIN plan stepped down to (after a CP plan, or a return home from care), and the referral's closure."""
    n = len(ref)
    exit_, kind, rec = care["exit"], care["kind"], care["rec"]
    nfa, is_cla, is_cp = path == NFA, path == CLA, path == CP
    step_cp = is_cp & (rng.random(n) < 0.55)
    step_home = is_cla & (kind == HOME) & (rng.random(n) < 0.5)
    cin2_start = np.select([step_cp, step_home], [np.maximum(cp_end, a_auth + 1), exit_], NA)
    cin2_end = np.where(cin2_start != NA, cin2_start + np.clip(ln(rng, 150, 0.6, n), 20, 900).astype(np.int64),
                        NA)

    lag = rng.integers(0, 16, n)
    closure = np.select(
        [nfa, path == ASSESS, path == CIN, step_cp, is_cp],
        [ref + rng.integers(0, 4, n), a_auth + lag, cin1_end + lag, cin2_end + lag, cp_end + lag], NA)
    cla_close = np.select(
        [np.isin(rec, ["E11", "E12", "E45", "E46", "E41", "E47", "E48", "E3", "E2", "E7"]) | (exit_ == b18),
         step_home, np.isin(rec, ["E5", "E6"])],
        [exit_, cin2_end + lag, b18], exit_ + rng.integers(0, 22, n))
    closure = np.where(is_cla, cla_close, closure)
    closure = np.where(~nfa, np.maximum(closure, a_auth + rng.integers(0, 6, n)), closure)
    closure = to_weekday(np.maximum(np.minimum(closure, b18), ref))
    return cin2_start, cin2_end, closure


def _within(st, en, closure):
    """A plan ends by the referral's closure; a plan that would start on or after it never starts."""
    en = np.where(st == NA, NA, np.minimum(en, closure))
    bad = (st != NA) & (st >= closure)
    return np.where(bad, NA, st), np.where(bad, NA, en)


def _closure_reason(rng, path, rec):
    """CIN closure reason (RC1-RC9), from the pathway and how care ended."""
    n = len(path)
    u = rng.random(n)
    return np.select(
        [path == NFA,
         path == ASSESS,
         np.isin(rec, ["E11", "E12"]), np.isin(rec, ["E45", "E46"]), np.isin(rec, ["E41", "E47", "E48"]),
         rec == "E3", rec == "E2", rec == "E7",
         path == CLA],
        [np.full(n, "RC8"),
         np.where(u < 0.55, "RC8", np.where(u < 0.95, "RC9", np.where(u < 0.98, "RC5", "RC7"))),
         np.full(n, "RC1"), np.full(n, "RC4"), np.full(n, "RC3"),
         np.full(n, "RC5"), np.full(n, "RC2"), np.full(n, "RC6"),
         np.full(n, "RC7")],
        np.where(u < 0.72, "RC7", np.where(u < 0.95, "RC9", np.where(u < 0.99, "RC5", "RC4"))))


def _short_break_referrals(la: Authority, children, start) -> dict:
    """Disabled children on a long CIN plan with a series of short breaks (sets la.sb_window)."""
    rng, C = la.rng, la.C
    n = len(children)
    b18 = C.b18[children]
    a_start = to_weekday(start + 1)
    a_auth = busday_add(a_start, rng.integers(15, 40, n))
    cin_start = to_weekday(a_auth + 5)
    closure = np.minimum(b18, cin_start + rng.integers(6 * 365, 12 * 365, n))
    out = {k: np.full(n, NA, np.int64) for k in
           ("s47_start", "icpc", "cp_start", "cp_end", "cin2_start", "cin2_end", "entry", "exit", "ls1_date",
            "ls2_date", "issue", "disposal", "adm", "pa", "ceased", "p1")}
    out.update({
        "child": children, "ref": to_weekday(start), "path": np.full(n, CIN), "route": np.zeros(n, np.int64),
        "src": np.full(n, 13), "need": np.full(n, 1), "closure": closure, "reason": np.full(n, "RC6", "<U3"),
        "a_start": a_start, "a_auth": a_auth, "a_seen": np.ones(n, bool), "icpc_nr": np.zeros(n, bool),
        "ncp": np.zeros(n, np.int64), "cp_cat0": np.zeros(n, np.int64), "cp_cat1": np.zeros(n, np.int64),
        "cp_catchg": np.zeros(n, bool), "cin1_start": cin_start, "cin1_end": closure,
        "kind": np.full(n, -1), "rec": np.full(n, "", "<U3"), "ls0": np.full(n, "", "<U2"),
        "ls1": np.full(n, "", "<U2"), "ls2": np.full(n, "", "<U2"), "disp_type": np.full(n, "", "<U26"),
        "pa_same": np.zeros(n, bool),
    })
    la.sb_window = (cin_start, closure)
    return out


# ================================================================ who holds each case
def simulate_stages(la: Authority) -> None:
    """Who should hold each open case: the assessment (ACPS) team, the CIN/CP team or the CIC team (sets la.stages)."""
    R, rng = la.R, la.rng
    n = len(R["ref"])
    path = R["path"]
    has_a = path != NFA
    clo = R["closure"]
    a_s = R["ref"] + rng.integers(0, 2, n)
    t_a = np.where(R["a_auth"] != NA, R["a_auth"], clo)
    t_a = np.where(R["cp_start"] != NA, np.minimum(t_a, R["cp_start"]), t_a)
    t_a = np.where(R["entry"] != NA, np.minimum(t_a, R["entry"]), t_a)
    t_a = np.where(R["cin1_start"] != NA, np.minimum(t_a, R["cin1_start"]), t_a)
    t_a = np.minimum(t_a, clo)
    a_e = np.where(path == ASSESS, clo, t_a - 1)
    cla = path == CLA
    b_s, b_e = t_a, np.where(cla, R["entry"] - 1, clo)
    c_s, c_e = R["entry"], np.where(R["exit"] >= clo, clo, R["exit"] - 1)
    d_s, d_e = R["exit"], clo
    parts = [
        (has_a, a_s, a_e, 0),
        (has_a & (path != ASSESS), b_s, b_e, 1),
        (cla, c_s, c_e, 2),
        (cla & (R["exit"] < clo), d_s, d_e, 1),
    ]
    out = {"ref": [], "s": [], "e": [], "group": []}
    for m, ss, ee, g in parts:
        m = m & (ss != NA) & (ee >= ss) & (ee >= la.H)
        out["ref"].append(np.flatnonzero(m))
        out["s"].append(np.maximum(ss[m], la.H))
        out["e"].append(ee[m])
        out["group"].append(np.full(int(m.sum()), g))
    la.stages = {k: np.concatenate(v).astype(np.int64) for k, v in out.items()}


def allocate(la: Authority) -> None:
    """Split each stage into allocations to a qualified caseholding social worker of the right group (sets la.A)."""
    pools = _employment_spells(la.W)
    P_ref, P_g, P_s, P_e = _stage_pieces(la)
    out_ref, out_s, out_e, out_w = [], [], [], []
    for _ in range(60):
        if not len(P_s):
            break
        wsel, w_end = _pick_workers(la.rng, pools, P_g, P_s)
        got = wsel >= 0
        seg_end = np.minimum(P_e, w_end)
        out_ref.append(P_ref[got]); out_s.append(P_s[got]); out_e.append(seg_end[got]); out_w.append(wsel[got])
        rest = got & (seg_end < P_e) & (seg_end + 1 <= la.D1)
        P_ref, P_g, P_s, P_e = P_ref[rest], P_g[rest], seg_end[rest] + 1, P_e[rest]
    A = {"ref": np.concatenate(out_ref), "s": np.concatenate(out_s), "e": np.concatenate(out_e),
         "w": np.concatenate(out_w)}
    order = np.lexsort((A["s"], A["ref"]))
    la.A = {k: v[order] for k, v in A.items()}


def _employment_spells(W: dict) -> dict[int, np.ndarray]:
    """Social workers of each group as (worker, start, end) rows sorted by start: an agency row followed by
    a permanent row of the same worker is one spell."""
    sw = (W["role"] == "sw")
    pools = {}
    for g in range(3):
        m = np.flatnonzero(sw & (W["group"] == g))
        wid, s0, e0 = W["wid"][m], W["start"][m], W["end"][m]
        merged = []
        for k in range(len(m)):
            if merged and merged[-1][0] == wid[k] and merged[-1][2] + 1 == s0[k]:
                merged[-1][2] = e0[k]
            else:
                merged.append([wid[k], s0[k], e0[k]])
        arr = np.array(merged, dtype=np.int64).reshape(-1, 3)
        arr = arr[np.argsort(arr[:, 1], kind="stable")]
        pools[g] = arr
    return pools


def _stage_pieces(la: Authority):
    """Stages cut into pieces with a change of worker every ~9 months: (referral, group, start, end)."""
    rng, st, D1 = la.rng, la.stages, la.D1
    ref, grp, s, e = st["ref"], st["group"], st["s"], st["e"]
    keep = s <= D1
    ref, grp, s, e = ref[keep], grp[keep], s[keep], e[keep]
    todo_ref, todo_g, todo_s, todo_e = [], [], [], []
    cur = s.copy()
    live = np.arange(len(s))
    while len(live):
        piece_end = np.minimum(cur + rng.exponential(270, len(live)).astype(np.int64), e[live])
        todo_ref.append(ref[live]); todo_g.append(grp[live])
        todo_s.append(cur); todo_e.append(piece_end)
        nxt = piece_end + 1
        ok = (nxt <= e[live]) & (nxt <= D1)
        live, cur = live[ok], nxt[ok]
    return np.concatenate(todo_ref), np.concatenate(todo_g), np.concatenate(todo_s), np.concatenate(todo_e)


def _pick_workers(rng, pools: dict, P_g, P_s):
    """A worker of the piece's group employed on its start day, at random: (worker, end of their spell), -1 if none."""
    wsel = np.full(len(P_s), -1)
    w_end = np.zeros(len(P_s), np.int64)
    for g in range(3):
        m = np.flatnonzero(P_g == g)
        pool = pools[g]
        if not len(m):
            continue
        prefix = np.searchsorted(pool[:, 1], P_s[m], "right")
        pending = m.copy()
        pend_prefix = prefix.copy()
        for _try in range(80):
            if not len(pending):
                break
            pos = (rng.random(len(pending)) * np.maximum(pend_prefix, 1)).astype(np.int64)
            ok = (pend_prefix > 0) & (pool[pos, 2] >= P_s[pending])
            wsel[pending[ok]] = pool[pos[ok], 0]
            w_end[pending[ok]] = pool[pos[ok], 2]
            pending, pend_prefix = pending[~ok], pend_prefix[~ok]
        for k in pending.tolist():  # rare: exhaustive search
            act = np.flatnonzero((pool[:, 1] <= P_s[k]) & (pool[:, 2] >= P_s[k]))
            if len(act):
                c = act[int(rng.integers(len(act)))]
                wsel[k], w_end[k] = pool[c, 0], pool[c, 2]
    return wsel, w_end


def _worker_at(la: Authority, ref_idx, when) -> np.ndarray:
    """The worker allocated to a referral's case on a date (-1 if none)."""
    A = la.A
    key = A["ref"] * 100000 + (A["s"] - la.H + 1000)
    q = ref_idx * 100000 + (when - la.H + 1000)
    pos = np.searchsorted(key, q, "right") - 1
    pos = np.maximum(pos, 0)
    ok = (A["ref"][pos] == ref_idx) & (A["e"][pos] >= when) & (A["s"][pos] <= when)
    return np.where(ok, A["w"][pos], -1)


# ================================================================ contacts and child keys
def write(la: Authority, out: pathlib.Path) -> None:
    """children, contacts, referrals, assessments, section 47, CIN and CP plans, care proceedings
    (sets la.contacts, la.oc3, la.cid, la.rid, la.used_ref)."""
    R, E, D1 = la.R, la.E, la.D1
    ridx = np.flatnonzero((R["ref"] <= D1) & (R["closure"] >= la.H))
    used = np.zeros(la.C.n, bool)
    used[R["child"][ridx]] = True
    used = _simulate_contacts(la, ridx, used)
    # children referenced by 903 files
    used[E["child"][(E["dec"] >= dn(date(la.years()[0] - 1, 4, 1))) & (E["decom"] <= D1)]] = True
    la.oc3 = oc3_cohort(la)
    used[la.oc3["child"]] = True
    # children in care proceedings the files cover, whose referral may have closed before them
    used[R["child"][_proceedings_rows(la)]] = True
    _assign_child_ids(la, used)
    _write_children(la, out, used)
    _write_contacts(la, out)
    _write_referrals(la, out, ridx)
    _write_assessments_and_enquiries(la, out, ridx)
    _write_plans(la, out, ridx)
    _write_care_proceedings(la, out)
    used_ref = np.zeros(len(R["ref"]), bool)
    used_ref[ridx] = True
    la.used_ref = used_ref


def _simulate_contacts(la: Authority, ridx, used) -> np.ndarray:
    """The referrals' own contacts, and others about known and new children (added to la.C).
    Sets la.contacts; returns `used` (children in the files) extended to the new children."""
    c_child, c_date, c_src, c_out = _referral_contacts(la, ridx)
    nd, n_out, n_src = _other_contacts(la)
    contact_child, used = _contact_children(la, nd, used)
    all_c_child = np.concatenate([c_child, contact_child])
    all_c_date = np.concatenate([c_date, nd])
    all_c_src = np.concatenate([c_src, n_src])
    all_c_out = np.concatenate([c_out, n_out])
    order = np.lexsort((all_c_child, all_c_date))
    la.contacts = (all_c_child[order], all_c_date[order], all_c_src[order], all_c_out[order])
    return used


def _referral_contacts(la: Authority, ridx):
    """The contact before each referral in the window (outcome 0 = referral)."""
    R = la.R
    cref = ridx[R["ref"][ridx] >= la.D0]
    c_date = to_weekday(R["ref"][cref] - la.rng.choice([0, 0, 0, 1, 2, 3], len(cref)), back=True)
    ok = c_date >= la.D0
    c_child, c_date, c_src = R["child"][cref][ok], c_date[ok], R["src"][cref][ok]
    c_out = np.zeros(len(c_date), np.int64)  # 0 = referral
    return c_child, c_date, c_src, c_out


def _other_contacts(la: Authority):
    """Contacts that did not lead to a referral: (date, outcome 1-3, source)."""
    rng = la.rng
    days = np.arange(la.D0, la.D1 + 1)
    rate = ((profile(days, _CONTACTS_PER_QUARTER) - profile(days, _REFERRALS_PER_QUARTER)) / 91.31
            * _MONTH_FACTOR[month_index(days)] ** 0.5 * _weekday_factor(days) * la.scale)
    nd = np.repeat(days, rng.poisson(rate))
    m = len(nd)
    n_out = 1 + pick(rng, [.32, .33, .35], m)
    n_src = pick(rng, _SOURCE_P, m)
    return nd, n_out, n_src


def _contact_children(la: Authority, nd, used):
    """Who the other contacts are about: about a third a child referred in the past three years, the rest
    children the case system has not met before (some of them contacted more than once)."""
    rng, C, R = la.rng, la.C, la.R
    m = len(nd)
    known = rng.random(m) < 0.38
    rs = R["ref"]
    lo = np.searchsorted(rs, nd - 1095, "left")
    hi = np.searchsorted(rs, nd, "left")
    pos = lo + (rng.random(m) * np.maximum(hi - lo, 1)).astype(np.int64)
    pos = np.minimum(pos, len(rs) - 1)
    kc = R["child"][pos]
    valid = known & (hi > lo) & (nd < C.b18[kc]) & ((C.death[kc] == NA) | (C.death[kc] > nd))
    newk = ~valid
    nn = int(newk.sum())
    fresh = rng.random(nn) < 0.8
    if nn:
        fresh[0] = True
    kid = np.cumsum(fresh) - 1
    back = np.minimum(kid, rng.integers(0, 1500, nn))
    kid = np.where(fresh, kid, kid - back)
    n_kids = int(fresh.sum())
    first_date = np.full(n_kids, NA, np.int64)
    first_date[kid[fresh]] = nd[newk][fresh]
    age_days, unborn = _ages(rng, [1, 8] + [5] * 4 + [5.5] * 5 + [6] * 6 + [3] * 2, n_kids, 17.2)
    base = C.n
    C2 = Children()
    C2.add(rng, first_date - age_days, prebirth=unborn)
    C2.freeze()
    contact_child = np.where(valid, kc, 0)
    contact_child[newk] = base + kid
    used[kc[valid]] = True
    C.extend(C2)
    return contact_child, np.concatenate([used, np.ones(n_kids, bool)])


def _assign_child_ids(la: Authority, used) -> None:
    """child_id of every child in the files, in random order (sets la.cid; -1 for the others)."""
    n_used = int(used.sum())
    if n_used >= 10**6:
        raise ValueError("too many children for the identifier width")
    cid = np.full(la.C.n, -1, np.int64)
    cid[np.flatnonzero(used)] = la.no * 10**6 + 1 + la.rng.permutation(n_used)
    la.cid = cid


# ================================================================ case files
def _write_children(la: Authority, out: pathlib.Path, used) -> None:
    C, cid, D1 = la.C, la.cid, la.D1
    ci = np.flatnonzero(used)
    ci = ci[np.argsort(cid[ci], kind="stable")]
    dob = C.dob[ci]
    born = dob <= D1
    sex = np.where(born, C.sex[ci], 0)
    exp_bd = np.where(C.pre[ci], dob + la.rng.integers(-14, 15, len(ci)), NA)
    eth = np.where(born, np.asarray(ETHNIC, dtype=object)[C.eth[ci]], "NOBT")
    death = np.where(C.death[ci] <= D1, C.death[ci], NA)
    la.write(out, HEADERS, "case/children.csv", [
        as_str(cid[ci]), as_str(sex), fmt_dates(np.where(born, dob, NA)), fmt_dates(exp_bd), eth.tolist(),
        np.where(C.dis[ci], "Y", "N").tolist(), fmt_dates(death)])


def _write_contacts(la: Authority, out: pathlib.Path) -> None:
    ch, dt, src, oc = la.contacts
    la.write(out, HEADERS, "case/contacts.csv", [
        la.ids(len(ch)), as_str(la.cid[ch]), fmt_dates(dt), np.asarray(_SOURCES, object)[src].tolist(),
        np.array(["referral", "early_help", "advice", "nfa"], object)[oc].tolist()])


def _write_referrals(la: Authority, out: pathlib.Path, ridx) -> None:
    """Ordered by date: ids rise with time as in a case system (sets la.rid)."""
    R = la.R
    rid = np.full(len(R["ref"]), -1, np.int64)
    rid[ridx] = la.no * 10**7 + 1 + np.arange(len(ridx))
    la.rid = rid
    closure = _unknown_after(R["closure"][ridx], la.D1)
    la.write(out, HEADERS, "case/referrals.csv", [
        as_str(rid[ridx]), as_str(la.cid[R["child"][ridx]]), fmt_dates(R["ref"][ridx]),
        np.asarray(_SOURCES, object)[R["src"][ridx]].tolist(),
        np.asarray(NEEDS, object)[R["need"][ridx]].tolist(),
        np.where(R["path"][ridx] == NFA, "Y", "N").tolist(), fmt_dates(closure),
        np.where(closure == NA, "", R["reason"][ridx]).tolist()])


def _started(la: Authority, ridx, start_key: str) -> np.ndarray:
    """The referrals in the files whose record `start_key` had started by the extract date."""
    st = la.R[start_key][ridx]
    return ridx[(st != NA) & (st <= la.D1)]


def _write_assessments_and_enquiries(la: Authority, out: pathlib.Path, ridx) -> None:
    R, cid, rid, D1 = la.R, la.cid, la.rid, la.D1
    ai = _started(la, ridx, "a_start")
    la.write(out, HEADERS, "case/assessments.csv", [
        la.ids(len(ai)), as_str(rid[ai]), as_str(cid[R["child"][ai]]), fmt_dates(R["a_start"][ai]),
        fmt_dates(_unknown_after(R["a_auth"][ai], D1)), np.where(R["a_seen"][ai], "Y", "N").tolist()])
    si = _started(la, ridx, "s47_start")
    la.write(out, HEADERS, "case/section47.csv", [
        la.ids(len(si)), as_str(rid[si]), as_str(cid[R["child"][si]]), fmt_dates(R["s47_start"][si]),
        fmt_dates(_unknown_after(R["icpc"][si], D1)), np.where(R["icpc_nr"][si], "Y", "N").tolist()])


def _write_plans(la: Authority, out: pathlib.Path, ridx) -> None:
    """CIN plans (the plan before, or instead of, protection or care, and the step-down plan) and CP plans."""
    R, cid, rid, D1 = la.R, la.cid, la.rid, la.D1
    c1 = _started(la, ridx, "cin1_start")
    c2 = _started(la, ridx, "cin2_start")
    ci_ref = np.concatenate([c1, c2])
    ci_s = np.concatenate([R["cin1_start"][c1], R["cin2_start"][c2]])
    ci_e = _unknown_after(np.concatenate([R["cin1_end"][c1], R["cin2_end"][c2]]), D1)
    o = np.lexsort((ci_ref, ci_s))
    ci_ref, ci_s, ci_e = ci_ref[o], ci_s[o], ci_e[o]
    la.write(out, HEADERS, "case/cin_plans.csv", [
        la.ids(len(ci_ref)), as_str(rid[ci_ref]), as_str(cid[R["child"][ci_ref]]), fmt_dates(ci_s),
        fmt_dates(ci_e)])
    pi = _started(la, ridx, "cp_start")
    cat0 = np.asarray(_CP_CATS, object)[R["cp_cat0"][pi]]
    cat1 = np.where(R["cp_catchg"][pi], np.asarray(_CP_CATS, object)[R["cp_cat1"][pi]], cat0)
    la.write(out, HEADERS, "case/cp_plans.csv", [
        la.ids(len(pi)), as_str(rid[pi]), as_str(cid[R["child"][pi]]), fmt_dates(R["cp_start"][pi]),
        fmt_dates(_unknown_after(R["cp_end"][pi], D1)), cat0.tolist(), cat1.tolist(), as_str(R["ncp"][pi])])


def _proceedings_rows(la: Authority) -> np.ndarray:
    """The referrals whose care proceedings the files cover (issued by the extract date, not disposed
    of before its history starts), in order of issue."""
    R = la.R
    gi = np.flatnonzero((R["issue"] != NA) & (R["issue"] <= la.D1) & (R["disposal"] >= la.H))
    return gi[np.lexsort((gi, R["issue"][gi]))]


def _write_care_proceedings(la: Authority, out: pathlib.Path) -> None:
    R, D1 = la.R, la.D1
    gi = _proceedings_rows(la)
    disp = _unknown_after(R["disposal"][gi], D1)
    la.write(out, HEADERS, "case/care_proceedings.csv", [
        la.ids(len(gi)), as_str(la.cid[R["child"][gi]]), fmt_dates(R["issue"][gi]), fmt_dates(disp),
        np.where(disp == NA, "", R["disp_type"][gi]).tolist()])


# ================================================================ allocations, visits, audits
def write_casework(la: Authority, out: pathlib.Path) -> None:
    """The case files that name workers: allocations, visits and case audits; and the
    fostering service's approvals (optional file)."""
    _write_allocations(la, out)
    _write_visits(la, out)
    _write_case_audits(la, out)
    _write_foster_carer_approvals(la, out)


def _write_foster_carer_approvals(la: Authority, out: pathlib.Path) -> None:
    """Foster carer households approved, about 22 a quarter for DEMO01 (scaled), on working
    days, from a random stream of their own (the other files stay as they were)."""
    rng = la.side_rng(3)
    _, m_start, m_end = la.months()
    per_month = rng.poisson(_APPROVALS_A_MONTH * la.scale, len(m_start))
    days = np.concatenate([rng.integers(s, e, n) for s, e, n in zip(m_start, m_end, per_month)] or [[]])
    days = np.sort(to_weekday(days.astype(np.int64)))
    days = days[days <= la.D1]
    kind = np.where(rng.random(len(days)) < 0.8, "mainstream", "connected")
    la.write(out, HEADERS, "case/foster_carer_approvals.csv", [
        la.ids(len(days), "FA"), la.ids(len(days), "FH"), fmt_dates(days), kind.tolist()])


def _write_allocations(la: Authority, out: pathlib.Path) -> None:
    R, A, D1 = la.R, la.A, la.D1
    m = la.used_ref[A["ref"]]
    ar, as_, ae, aw = A["ref"][m], A["s"][m], A["e"][m], A["w"][m]
    o = np.lexsort((ar, as_))
    ar, as_, ae, aw = ar[o], as_[o], ae[o], aw[o]
    ae_out = np.where(ae > D1, NA, ae)
    # a case still open at the extract date has an open allocation
    ae_out = np.where((ae == D1) & ((R["closure"][ar] > D1)), NA, ae_out)
    la.write(out, HEADERS, "case/allocations.csv", [
        la.ids(len(ar)), as_str(la.cid[R["child"][ar]]), la.worker_ids[aw - 1].tolist(), fmt_dates(as_),
        fmt_dates(ae_out)])


def _visit_intervals(la: Authority):
    """What is visited: CP plans (type 0), CIN plans (1) and CLA placements with a new carer (2)."""
    R, E, used_ref = la.R, la.E, la.used_ref
    iv_ref, iv_s, iv_e, iv_t = [], [], [], []
    for sk, ek, t in (("cp_start", "cp_end", 0), ("cin1_start", "cin1_end", 1), ("cin2_start", "cin2_end", 1)):
        mm = (R[sk] != NA) & used_ref
        iv_ref.append(np.flatnonzero(mm)); iv_s.append(R[sk][mm]); iv_e.append(R[ek][mm] - 1)
        iv_t.append(np.full(int(mm.sum()), t))
    carer = (E["carer"] == 0) & (E["period"] >= 0) & ~np.isin(E["ls"], ["V3", "V4"])
    ci = np.flatnonzero(carer)
    # a placement lasts until the next change of carer in the same period
    nxt_start = np.empty(len(ci), np.int64)
    per = E["period"][ci]
    same_next = np.append(per[1:] == per[:-1], False)
    period_exit = R["exit"][per]
    nxt_start[:] = np.where(same_next, np.append(E["decom"][ci][1:], 0), period_exit)
    mm = used_ref[per]
    iv_ref.append(per[mm]); iv_s.append(E["decom"][ci][mm]); iv_e.append(nxt_start[mm] - 1)
    iv_t.append(np.full(int(mm.sum()), 2))
    iv_ref, iv_s, iv_e, iv_t = map(np.concatenate, (iv_ref, iv_s, iv_e, iv_t))
    iv_e = np.minimum(iv_e, la.D1)
    ok = iv_e >= la.D0 - 100
    return iv_ref[ok], iv_s[ok], iv_e[ok], iv_t[ok]


def _visit_dates(la: Authority, iv_ref, iv_s, iv_e, iv_t):
    """Visits: CP every 10 working days, CIN 4-weekly, CLA within a week of a placement then 6-weekly."""
    rng, D0, D1 = la.rng, la.D0, la.D1
    vis = []
    for t, (f_lo, f_hi, gap) in enumerate((
            (1, 9, lambda k: np.where(rng.random(k) < 0.83, rng.integers(7, 15, k), rng.integers(15, 24, k))),
            (2, 9, lambda k: np.where(rng.random(k) < 0.72, rng.integers(18, 29, k), rng.integers(29, 50, k))),
            (1, 7, lambda k: np.where(rng.random(k) < 0.82, rng.integers(28, 43, k), rng.integers(43, 64, k))),
    )):
        mm = np.flatnonzero(iv_t == t)
        s0 = iv_s[mm]
        # long-running intervals: start the schedule shortly before the window at a random phase
        late = s0 < D0 - 120
        s0 = np.where(late, D0 - rng.integers(30, 90, len(mm)), s0)
        k_idx, dts = repeat_schedule(rng, s0, iv_e[mm], f_lo if t != 2 else 1, f_hi, gap)
        if t == 2:
            first = np.append(True, k_idx[1:] != k_idx[:-1])
            late_first = first & (rng.random(len(dts)) < 0.12) & ~late[k_idx]
            dts = np.where(late_first, dts + rng.integers(7, 12, len(dts)), dts)
        dts = to_weekday(dts, back=bool(t % 2))
        keep = (dts >= D0) & (dts <= D1) & (dts <= iv_e[mm][k_idx] + 3)
        vis.append((iv_ref[mm][k_idx][keep], dts[keep], np.full(int(keep.sum()), t)))
    v_ref = np.concatenate([v[0] for v in vis])
    v_dt = np.concatenate([v[1] for v in vis])
    v_t = np.concatenate([v[2] for v in vis])
    o = np.lexsort((v_t, v_ref, v_dt))
    return v_ref[o], v_dt[o], v_t[o]


def _write_visits(la: Authority, out: pathlib.Path) -> None:
    """Visits by the allocated worker; the child seen (alone from 4) on most."""
    R, rng, wids = la.R, la.rng, la.worker_ids
    v_ref, v_dt, v_t = _visit_dates(la, *_visit_intervals(la))
    v_w = _worker_at(la, v_ref, v_dt)
    n = len(v_ref)
    seen = rng.random(n) < np.array([0.92, 0.87, 0.95])[v_t]
    age = (v_dt - la.C.dob[R["child"][v_ref]]) / Y
    alone = seen & (age >= 4) & (rng.random(n) < 0.6)
    la.write(out, HEADERS, "case/visits.csv", [
        la.ids(n), as_str(la.cid[R["child"][v_ref]]),
        np.where(v_w > 0, wids[np.maximum(v_w, 1) - 1], "").tolist(), fmt_dates(v_dt),
        np.array(["CP", "CIN", "CLA"], object)[v_t].tolist(), np.where(seen, "Y", "N").tolist(),
        np.where(alone, "Y", "N").tolist()])


def _audit_dates(la: Authority):
    """~20 routine audits a month (type 0), a few thematic ones (type 1): (date, type)."""
    rng = la.rng
    months, m_start, m_end = la.months()
    m_len = m_end - m_start
    n_rout = rng.poisson(max(3.0, 20 * la.scale), len(months))
    n_them = rng.poisson(max(0.5, 2 * la.scale), len(months))
    a_m = np.concatenate([np.repeat(np.arange(len(months)), n_rout), np.repeat(np.arange(len(months)), n_them)])
    a_type = np.concatenate([np.zeros(n_rout.sum(), np.int64), np.ones(n_them.sum(), np.int64)])
    a_dt = to_weekday(m_start[a_m] + (rng.random(len(a_m)) * m_len[a_m]).astype(np.int64), back=True)
    keep = (a_dt >= la.D0) & (a_dt <= la.D1)
    return a_dt[keep], a_type[keep]


def _audited_cases(la: Authority, a_dt) -> np.ndarray:
    """The audited case: an allocation (of a referral in the files) open on the day; -1 if none was found."""
    rng, A = la.rng, la.A
    cand = np.flatnonzero(la.used_ref[A["ref"]])
    starts = A["s"][cand]
    o = np.argsort(starts, kind="stable")
    cand, starts = cand[o], starts[o]
    a_case = np.full(len(a_dt), -1)
    pending = np.arange(len(a_dt))
    for _ in range(200):
        if not len(pending):
            break
        hi = np.searchsorted(starts, a_dt[pending], "right")
        lo = np.searchsorted(starts, a_dt[pending] - 1500, "left")
        pos = lo + (rng.random(len(pending)) * np.maximum(hi - lo, 1)).astype(np.int64)
        pos = np.minimum(pos, len(cand) - 1)
        ok = (hi > lo) & (A["e"][cand[pos]] >= a_dt[pending])
        a_case[pending[ok]] = cand[pos[ok]]
        pending = pending[~ok]
    return a_case


def _auditors(la: Authority, a_dt, a_type) -> np.ndarray:
    """Team managers audit routinely, service managers thematically: worker number, -1 if none was found."""
    rng, W = la.rng, la.W
    mgr = np.flatnonzero(np.isin(W["role"], ["tm", "sm"]))
    auditor = np.full(len(a_dt), -1, np.int64)
    pending = np.arange(len(a_dt))
    for _ in range(300):
        if not len(pending):
            break
        pos = mgr[rng.integers(0, len(mgr), len(pending))]
        ok = (W["start"][pos] <= a_dt[pending]) & (W["end"][pos] >= a_dt[pending])
        ok &= np.where(a_type[pending] == 1, W["role"][pos] == "sm", True)
        auditor[pending[ok]] = W["wid"][pos[ok]]
        pending = pending[~ok]
    return auditor


def _write_case_audits(la: Authority, out: pathlib.Path) -> None:
    R, A, wids = la.R, la.A, la.worker_ids
    a_dt, a_type = _audit_dates(la)
    a_case = _audited_cases(la, a_dt)
    keep = a_case >= 0
    a_dt, a_type, a_case = a_dt[keep], a_type[keep], a_case[keep]
    auditor = _auditors(la, a_dt, a_type)
    grade_p = np.array([p for _, p in _AUDIT_P])
    g_row = np.searchsorted([dn(d) for d, _ in _AUDIT_P], a_dt, "right") - 1
    grade = pick_rows(la.rng, grade_p, np.maximum(g_row, 0))
    o = np.lexsort((a_case, a_dt))
    la.write(out, HEADERS, "case/case_audits.csv", [
        la.ids(len(a_dt)), as_str(la.cid[R["child"][A["ref"][a_case[o]]]]),
        np.where(auditor[o] > 0, wids[np.maximum(auditor[o], 1) - 1], "").tolist(), fmt_dates(a_dt[o]),
        np.array(["routine", "thematic"], object)[a_type[o]].tolist(),
        np.asarray(_AUDIT_GRADES, object)[grade[o]].tolist()])
