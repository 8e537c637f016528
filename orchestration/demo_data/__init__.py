"""Demonstration data: a complete, deterministic raw drop for made-up authorities.

`generate(out_dir, n_las=...)` writes `out_dir/<la_code>/...` for every file family of the
raw extract contract (`data_raw/README.md`), as the source systems of a children's services
trust would: case management (CIN census meanings), SSDA903 returns per collection year,
HR, finance, youth justice, family support and ONS-like population. The first authority,
DEMO01, is sized like the Trust in `../shared/seeds`; the others are scaled copies
(a deterministic factor between 0.3 and 2.5). The simulation model and the figures it is
tuned to are described in `docs/demo_data.md`.

Only the standard library and numpy are used. Every random draw comes from
`numpy.random.default_rng(seed + authority index)` (and a `random.Random` seeded from it),
so the same arguments give byte-identical files, and an authority's files do not depend
on how many authorities are generated. Dates are held as days since 1970-01-01 (int64),
with `NA` for a missing date, and formatted only when a file is written.
"""

from __future__ import annotations

import math
import pathlib
import random
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable

import numpy as np

__all__ = ["generate", "la_codes"]

NA = -(10**9)  # a missing date (days since epoch)
_EPOCH = date(1970, 1, 1)
_TABLE_FIRST = date(1900, 1, 1)
_TABLE_LAST = date(2101, 1, 1)
_Y = 365.25

# Files written per authority, relative to out_dir/<la_code>/ (903 files per year folder).
FAMILY_FOLDERS = ("case", "placement/ssda903", "workforce", "finance", "youth_justice", "family_support", "reference")

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
    "placement/ssda903/*/header.csv": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "placement/ssda903/*/episodes.csv": ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC",
                                         "REC", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
    "placement/ssda903/*/oc3.csv": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "placement/ssda903/*/missing.csv": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
    "placement/ssda903/*/placed_for_adoption.csv": ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED",
                                                    "REASON_PLACED_CEASED"],
    "workforce/staff.csv": ["worker_id", "agency_worker", "job_title", "org_role", "team", "frontline",
                            "qualified_social_worker", "caseholding", "fte", "start_date", "end_date",
                            "reason_leave"],
    "workforce/posts.csv": ["post_id", "team", "job_title", "frontline", "fte", "start_date", "end_date"],
    "workforce/supervisions.csv": ["supervision_id", "worker_id", "supervision_date"],
    "workforce/absences.csv": ["absence_id", "worker_id", "start_date", "end_date", "working_days_lost", "reason"],
    "finance/ledger.csv": ["month", "cost_centre", "service_area", "category", "funding_stream", "budget", "actual",
                           "forecast_outturn"],
    "finance/care_ladder_budget.csv": ["financial_year", "placement_category", "budgeted_children",
                                       "budget_amount"],
    "finance/placement_unit_costs.csv": ["placement_category", "valid_from", "weekly_cost"],
    "finance/balance_sheet.csv": ["month_end", "cash", "current_assets", "current_liabilities"],
    "youth_justice/yjs_disposals.csv": ["disposal_id", "person_id", "birth_date", "disposal_date", "disposal_type",
                                        "order_end_date", "ete_at_end"],
    "youth_justice/yjs_offences.csv": ["offence_id", "person_id", "offence_date", "proven_date"],
    "family_support/interventions.csv": ["intervention_id", "family_id", "start_date", "end_date",
                                         "outcome_on_closure", "closure_reason"],
    "reference/population.csv": ["year", "age", "population"],
}

# ------------------------------------------------------------------ code lists and mixes
_SOURCES = ["1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4", "5A", "5B", "5C", "5D",
            "6", "7", "8", "9", "10"]
_SOURCE_P = [.06, .01, .02, .02, .17, .02, .02, .03, .01, .02, .03, .05, .02, .08, .02, .03, .03, .30, .02, .02,
             .01, .01]
_NEEDS = ["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"]
_NEED_P = [.55, .04, .04, .10, .14, .04, .01, .04, .04]
_ETHNIC = ["WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH",
           "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"]
_ETHNIC_P = [.86, .003, .03, .005, .005, .02, .005, .006, .015, .004, .01, .002, .004, .003, .008, .002, .002,
             .008, .003, .005]
_CP_CATS = ["NEG", "EMO", "PHY", "SAB", "MUL"]
_CP_CAT_P = [.47, .36, .08, .04, .05]
# referral pathways
NFA, ASSESS, CIN, CP, CLA = 0, 1, 2, 3, 4
# outcome of a period of care
ADOPT, SGO, CAO, HOME, LTC, OTHER = 0, 1, 2, 3, 4, 5
_KIND_P = np.array([  # by age at entry: <1, 1-4, 5-9, 10-15, 16-17
    [.38, .22, .05, .22, .13, .00],
    [.22, .22, .06, .32, .18, .00],
    [.03, .15, .05, .40, .37, .00],
    [.00, .03, .02, .50, .40, .05],
    [.00, .00, .00, .35, .58, .07],
])
_REC_AT_18 = (["E5", "E6", "E13", "E8", "E7", "E3"], [.33, .08, .12, .37, .05, .05])

# time profiles: (date, value) anchors, linear in between, flat outside
_REFERRALS_PER_QUARTER = [(date(2005, 4, 1), 1060), (date(2011, 4, 1), 1100), (date(2014, 4, 1), 1150),
                          (date(2016, 10, 1), 1180), (date(2017, 6, 1), 1260), (date(2017, 10, 1), 1300),
                          (date(2018, 6, 1), 1320), (date(2018, 7, 15), 960), (date(2019, 3, 31), 1000)]
_CONTACTS_PER_QUARTER = [(date(2011, 4, 1), 5380), (date(2014, 4, 1), 5500), (date(2017, 7, 1), 5600),
                         (date(2018, 7, 1), 5690), (date(2019, 3, 31), 5720)]
_MONTH_FACTOR = np.array([1.02, 1.00, 1.06, 0.95, 1.02, 1.02, 1.00, 0.85, 1.05, 1.10, 1.04, 0.89])
_CLA_TREND = [(date(2017, 6, 1), 1.0), (date(2018, 1, 1), 1.22), (date(2018, 10, 1), 1.0)]
_TIMELY = [(date(2011, 4, 1), 0.84), (date(2013, 4, 1), 0.87), (date(2015, 4, 1), 0.91), (date(2017, 4, 1), 0.94)]
_PROCEEDINGS_WEEKS = [(date(2012, 10, 1), 38.0), (date(2014, 7, 1), 27.0), (date(2016, 12, 31), 27.0),
                      (date(2017, 6, 1), 29.0)]
_AUDIT_GRADES = ["outstanding", "good", "requires_improvement", "inadequate"]
_AUDIT_P = [(date(2011, 4, 1), [.07, .58, .27, .08]), (date(2015, 4, 1), [.09, .63, .22, .06]),
            (date(2017, 4, 1), [.13, .68, .16, .03])]

# Calibration constants (tuned so DEMO01 matches the published figures; see docs/demo_data.md)
REPEAT_SHARE = 0.38  # share of referrals that are re-referrals: new-child arrivals are the rest
CLA_RATE = 1.24  # multiplier on the probability that a referral leads to care
LEGACY_CLA_PER_YEAR = 375.0  # entries to care before the simulation window (for the stock at the start)
TARGET_CASELOAD = 26.0
_OC3_YEAR1_LAST = 2016  # the last collection year whose OC3 19-year-olds are the B11/B12 Year 1 cohort (2015/16)


# ------------------------------------------------------------------ dates
def _dn(d: date) -> int:
    return (d - _EPOCH).days


@lru_cache(maxsize=1)
def _date_tables():
    base = _dn(_TABLE_FIRST)
    n = _dn(_TABLE_LAST) - base
    iso = np.datetime_as_string(np.arange(base, base + n).astype("datetime64[D]")).tolist()
    dmy = [s[8:10] + "/" + s[5:7] + "/" + s[0:4] for s in iso]
    return base, np.array(iso + [""], dtype=object), np.array(dmy + [""], dtype=object)


def _fmt_dates(a, dmy: bool = False) -> list[str]:
    base, iso, dmy_t = _date_tables()
    tbl = dmy_t if dmy else iso
    a = np.asarray(a, dtype=np.int64)
    na = a == NA
    idx = a - base
    if np.any(~na & ((idx < 0) | (idx >= len(tbl) - 1))):
        raise ValueError("date outside the supported range")
    return tbl[np.where(na, len(tbl) - 1, idx)].tolist()


def _easter(y: int) -> date:
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month = (h + ll - 7 * m + 114) // 31
    return date(y, month, (h + ll - 7 * m + 114) % 31 + 1)


@lru_cache(maxsize=1)
def _bank_holidays() -> np.ndarray:
    """England and Wales bank holidays (substitute days included), 1960-2100."""
    moved = {1995: ("may", date(1995, 5, 8)), 2020: ("may", date(2020, 5, 8)), 2002: ("spring", date(2002, 6, 4)),
             2012: ("spring", date(2012, 6, 4)), 2022: ("spring", date(2022, 6, 2))}
    extra = [date(1999, 12, 31), date(2002, 6, 3), date(2011, 4, 29), date(2012, 6, 5), date(2022, 6, 3),
             date(2022, 9, 19), date(2023, 5, 8)]
    out: set[date] = set(extra)
    for y in range(1960, 2101):
        nyd = date(y, 1, 1)
        out.add(nyd + timedelta(days={5: 2, 6: 1}.get(nyd.weekday(), 0)))
        e = _easter(y)
        out.update([e - timedelta(days=2), e + timedelta(days=1)])
        first_may = date(y, 5, 1) + timedelta(days=(7 - date(y, 5, 1).weekday()) % 7)
        last_may = date(y, 5, 31) - timedelta(days=date(y, 5, 31).weekday())
        last_aug = date(y, 8, 31) - timedelta(days=date(y, 8, 31).weekday())
        kind, when = moved.get(y, ("", None))
        out.add(when if kind == "may" else first_may)
        out.add(when if kind == "spring" else last_may)
        out.add(last_aug)
        xmas = date(y, 12, 25)
        wd = xmas.weekday()
        days = {5: (27, 28), 6: (26, 27), 4: (25, 28)}.get(wd, (25, 26))
        out.update(date(y, 12, d) for d in days)
    return np.array(sorted(out), dtype="datetime64[D]")


def _busday_add(days: np.ndarray, n) -> np.ndarray:
    """The date n working days after each date (weekends and bank holidays are not working days)."""
    d = np.asarray(days, dtype=np.int64)
    safe = np.where(d == NA, 0, d).astype("datetime64[D]")
    out = np.busday_offset(safe, n, roll="forward", holidays=_bank_holidays()).astype(np.int64)
    return np.where(d == NA, NA, out)


def _busday_count(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.busday_count(a.astype("datetime64[D]"), b.astype("datetime64[D]"), holidays=_bank_holidays())


def _weekday(d: np.ndarray) -> np.ndarray:
    return (np.asarray(d) + 3) % 7  # Monday = 0


def _to_weekday(d: np.ndarray, back: bool = False) -> np.ndarray:
    """Move a Saturday or Sunday to the next Monday (or the previous Friday)."""
    d = np.asarray(d, dtype=np.int64)
    wd = _weekday(d)
    if back:
        shift = np.where(wd == 5, -1, np.where(wd == 6, -2, 0))
    else:
        shift = np.where(wd == 5, 2, np.where(wd == 6, 1, 0))
    return np.where(d == NA, NA, d + shift)


def _profile(days, anchors) -> np.ndarray:
    xs = [_dn(d) for d, _ in anchors]
    return np.interp(np.asarray(days, dtype=float), xs, [v for _, v in anchors])


def _month_index(days: np.ndarray) -> np.ndarray:
    """0 = January."""
    return (np.asarray(days).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)) % 12


def _add_years(days: np.ndarray, n: int) -> np.ndarray:
    """The n-th anniversary (29 February -> 1 March)."""
    d = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    y = d.astype("datetime64[Y]")
    offset = (d - y.astype("datetime64[D]")).astype(np.int64)
    ny = (y + n).astype("datetime64[D]").astype(np.int64)
    # a day-of-year offset of 59+ in a leap year shifts by one in a common year
    leap_src = ((y.astype(np.int64) + 1970) % 4 == 0)
    leap_dst = (((y + n).astype(np.int64) + 1970) % 4 == 0)
    adj = np.where(leap_src & ~leap_dst & (offset >= 59), -1, 0) + np.where(~leap_src & leap_dst & (offset >= 59), 1, 0)
    out = ny + offset + adj
    # 29 February -> 1 March
    feb29 = leap_src & ~leap_dst & (offset == 59)
    return np.where(feb29, ny + 59, out)


def _fy_start(d: int) -> int:
    x = _EPOCH + timedelta(days=int(d))
    y = x.year if x.month >= 4 else x.year - 1
    return _dn(date(y, 4, 1))


def _fy_label(fy_start: int) -> str:
    y = (_EPOCH + timedelta(days=int(fy_start))).year
    return f"{y}/{(y + 1) % 100:02d}"


# ------------------------------------------------------------------ random helpers
def _pick(rng: np.random.Generator, p, n: int) -> np.ndarray:
    c = np.cumsum(np.asarray(p, dtype=float))
    c /= c[-1]
    return np.minimum(np.searchsorted(c, rng.random(n), side="right"), len(c) - 1)


def _pick_rows(rng: np.random.Generator, P: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """One draw per element from the distribution in row rows[i] of P."""
    c = np.cumsum(P, axis=1)
    c /= c[:, -1:]
    u = rng.random(len(rows))
    return np.minimum((u[:, None] >= c[rows]).sum(axis=1), P.shape[1] - 1)


def _ln(rng: np.random.Generator, median: float, sigma: float, n: int) -> np.ndarray:
    return median * np.exp(sigma * rng.standard_normal(n))


def _choose_codes(rng, codes, p, n) -> np.ndarray:
    return np.asarray(codes, dtype=object)[_pick(rng, p, n)]


def _repeat_schedule(rng, starts, ends, first_lo, first_hi, gap_fn):
    """Dates in [start, end] per interval: first at start + U[first_lo, first_hi], then gaps from gap_fn(n).
    Returns (interval index, date) arrays, sorted by interval then date."""
    starts = np.asarray(starts, dtype=np.int64)
    ends = np.asarray(ends, dtype=np.int64)
    idx_all, dates_all = [], []
    cur = starts + rng.integers(first_lo, first_hi + 1, len(starts))
    live = np.flatnonzero(cur <= ends)
    cur = cur[live]
    while len(live):
        idx_all.append(live)
        dates_all.append(cur)
        cur = cur + gap_fn(len(live))
        keep = cur <= ends[live]
        live, cur = live[keep], cur[keep]
    if not idx_all:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    idx = np.concatenate(idx_all)
    dts = np.concatenate(dates_all)
    order = np.lexsort((dts, idx))
    return idx[order], dts[order]


def _str(a) -> list[str]:
    return [str(x) for x in np.asarray(a).tolist()]


def _money(a) -> list[str]:
    return [f"{x:.2f}" for x in np.asarray(a, dtype=float).tolist()]


def la_codes(n_las: int) -> list[str]:
    """Authority codes of a drop of n_las authorities: DEMO01, DEMO02, ... (DEMO001... beyond 99)."""
    if n_las < 1:
        raise ValueError("n_las must be at least 1")
    width = 3 if n_las > 99 else 2
    return [f"DEMO{i:0{width}d}" for i in range(1, n_las + 1)]


# ------------------------------------------------------------------ one authority
class _Children:
    """Every person the case system knows, as parallel arrays (index = internal child number)."""

    def __init__(self):
        self.parts: list[dict] = []
        self.n = 0

    def add(self, rng, dob, prebirth=None, disabled=None) -> np.ndarray:
        k = len(dob)
        part = {
            "dob": np.asarray(dob, dtype=np.int64),
            "sex": np.where(rng.random(k) < 0.51, 1, 2),
            "eth": _pick(rng, _ETHNIC_P, k),
            "dis": rng.random(k) < 0.045 if disabled is None else np.asarray(disabled, bool),
            "pre": np.zeros(k, bool) if prebirth is None else np.asarray(prebirth, bool),
        }
        self.parts.append(part)
        idx = np.arange(self.n, self.n + k)
        self.n += k
        return idx

    def freeze(self):
        for key in ("dob", "sex", "eth", "dis", "pre"):
            setattr(self, key, np.concatenate([p[key] for p in self.parts]))
        self.b18 = _add_years(self.dob, 18)
        self.death = np.full(self.n, NA, np.int64)
        self.ncp = np.zeros(self.n, np.int64)
        self.cla = np.zeros(self.n, bool)


class _Authority:
    def __init__(self, code: str, index: int, seed: int, start: date, end: date):
        self.code = code
        self.no = index + 1
        self.rng = np.random.default_rng(seed + index)
        self.scale = 1.0 if index == 0 else float(np.exp(self.rng.uniform(math.log(0.3), math.log(2.5))))
        self.py = random.Random(int(self.rng.integers(2**62)))
        self.start, self.end = start, end
        self.D0, self.D1 = _dn(start), _dn(end)
        self.H = self.D0 - 365  # history kept before the start (re-referral look-back, allocations)
        self.B = self.D0 - 6 * 365  # start of the referral simulation (burn-in)
        self.files: dict[str, int] = {}
        self.written: list[pathlib.Path] = []

    # ---------------------------------------------------------------- ids
    def _ids(self, n: int, prefix: str = "", width: int = 7) -> list[str]:
        """Keys of n new rows: authority number then a fixed-width sequence, so keys never collide."""
        if n >= 10**width:
            raise ValueError("too many rows for the key width")
        if prefix:
            return [f"{prefix}{self.no:03d}{i:0{width}d}" for i in range(1, n + 1)]
        base = self.no * 10**width
        return _str(np.arange(base + 1, base + n + 1))

    # ---------------------------------------------------------------- writing
    def _write(self, out: pathlib.Path, rel: str, pattern: str, cols: list[list[str]]):
        header = HEADERS[pattern]
        assert len(cols) == len(header), rel
        path = out / self.code / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        n = len(cols[0]) if cols else 0
        for c in cols:
            assert len(c) == n, (rel, len(c), n)
        lines = [",".join(header)]
        if n:
            lines.extend(map(",".join, zip(*cols)))
        text = "\n".join(lines) + "\n"
        if '"' in text:
            raise ValueError(f"a value in {rel} needs quoting")
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        self.files[pattern] = self.files.get(pattern, 0) + n
        self.written.append(path)

    # ================================================================ case simulation
    def simulate_cases(self):
        rng, s = self.rng, self.scale
        C = self.C = _Children()
        B, D1 = self.B, self.D1

        # legacy: children who came into care before the simulation window (kept if still in care at B)
        ldays = np.arange(B - 18 * 365, B)
        n_leg = rng.poisson(LEGACY_CLA_PER_YEAR * s * len(ldays) / _Y)
        l_entry = np.sort(rng.choice(ldays, n_leg))
        l_age = self._cla_entry_age(n_leg)
        l_dob = l_entry - l_age
        leg_idx = C.add(rng, l_dob)
        l_ref = l_entry - rng.integers(0, 30, n_leg)

        # new children: first referrals arriving from B to the end
        days = np.arange(B, D1 + 1)
        wfac = np.where(_weekday(days) < 5, 1.26, 0.35)
        rate = _profile(days, _REFERRALS_PER_QUARTER) / 91.31 * _MONTH_FACTOR[_month_index(days)] * wfac
        ref0 = np.repeat(days, rng.poisson(rate * s * (1 - REPEAT_SHARE)))
        n_new = len(ref0)
        age_cls = _pick(rng, [3, 10] + [4.5] * 4 + [5] * 5 + [5.5] * 6 + [4.5] * 2, n_new) - 1  # -1 = unborn
        age_days = np.where(age_cls < 0, -rng.integers(7, 150, n_new),
                            (age_cls * _Y + rng.random(n_new) * _Y).astype(np.int64))
        age_days = np.minimum(age_days, int(17.5 * _Y))
        new_idx = C.add(rng, ref0 - age_days, prebirth=age_cls < 0)

        # children with a series of short breaks (V3/V4): disabled, on a long CIN plan
        n_sb = max(2, int(round(11 * s)))
        sb_start = self.D0 - rng.integers(30, 5 * 365, n_sb)
        sb_age = rng.integers(5, 14, n_sb) * _Y + rng.random(n_sb) * _Y
        sb_idx = C.add(rng, (sb_start - sb_age).astype(np.int64), disabled=np.ones(n_sb, bool))
        self.sb_children = sb_idx
        self.sb_v4 = rng.random(n_sb) < 0.27
        C.freeze()

        # rounds: each child has at most one pending referral per round
        child = np.concatenate([leg_idx, new_idx])
        ref = np.concatenate([l_ref, ref0])
        forced = np.concatenate([np.full(n_leg, CLA), np.full(n_new, -1)])
        batches = []
        first = True
        while len(child):
            b = self._referral_batch(child, ref, forced)
            if first:
                keep = ~((forced == CLA) & (b["exit"] <= B))
                b = {k: v[keep] for k, v in b.items()}
                first = False
            batches.append(b)
            ch = b["child"]
            C.ncp[ch] += b["cp_start"] != NA
            C.cla[ch] |= b["path"] == CLA
            died = b["rec"] == "E2"
            C.death[ch[died]] = b["exit"][died]
            # re-referral?
            n = len(ch)
            kind = b["kind"]
            p = np.select([b["path"] != CLA, kind == HOME, (kind == SGO) | (kind == CAO), kind == OTHER],
                          [0.47, 0.40, 0.10, 0.15], 0.0)
            p = np.where(died, 0.0, p)
            go = rng.random(n) < p
            gap = np.where(rng.random(n) < 0.55, rng.exponential(100, n), rng.exponential(700, n)).astype(np.int64) + 1
            nxt = b["closure"] + gap
            ok = go & (b["closure"] <= D1) & (nxt <= D1) & (nxt < C.b18[ch] - 180)
            child, ref, forced = ch[ok], nxt[ok], np.full(int(ok.sum()), -1)
        batches.append(self._short_break_referrals(sb_idx, sb_start))
        R = {k: np.concatenate([b[k] for b in batches]) for k in batches[0]}
        order = np.lexsort((R["child"], R["ref"]))
        self.R = {k: v[order] for k, v in R.items()}

    def _cla_entry_age(self, n: int) -> np.ndarray:
        cls = _pick(self.rng, [.22, .17, .17, .34, .10], n)
        lo = np.array([0, 1, 5, 10, 16])[cls]
        hi = np.array([1, 5, 10, 16, 17.5])[cls]
        return ((lo + (hi - lo) * self.rng.random(n)) * _Y).astype(np.int64)

    def _referral_batch(self, child, ref, forced) -> dict:
        rng, C = self.rng, self.C
        n = len(child)
        ref = _to_weekday(ref)
        dob, b18 = C.dob[child], C.b18[child]
        ageY = (ref - dob) / _Y
        prev_cp, prev_cla = C.ncp[child] > 0, C.cla[child]

        p_nfa = np.full(n, 0.08)
        p_cla = np.select([ageY < 0, ageY < 1, ageY < 5, ageY < 10, ageY < 16], [.05, .075, .04, .03, .05], .04)
        p_cla = p_cla * CLA_RATE * _profile(ref, _CLA_TREND) * np.where(prev_cla, 1.6, 1.0)
        p_cp = np.where(prev_cp, 0.22, 0.093)
        p_cin = np.full(n, 0.25)
        u = rng.random(n)
        c1, c2 = p_nfa, p_nfa + p_cla
        c3, c4 = c2 + p_cp, c2 + p_cp + p_cin
        path = np.where(u < c1, NFA, np.where(u < c2, CLA, np.where(u < c3, CP, np.where(u < c4, CIN, ASSESS))))
        path = np.where(forced >= 0, forced, path)
        route = np.where(forced >= 0, 0, _pick(rng, [0.6, 0.16, 0.24], n))  # CLA: emergency, via CP, via CIN
        route = np.where(ageY >= 16, 0, route)

        nfa = path == NFA
        has_a = ~nfa
        a_start = _to_weekday(ref + rng.choice([0, 0, 0, 0, 1, 1, 2, 3], n))
        timely = rng.random(n) < _profile(ref, _TIMELY)
        wd = np.where(timely, 3 + np.floor(42.999 * rng.beta(2.2, 1.5, n)),
                      46 + np.minimum(np.floor(_ln(rng, 9, 0.7, n)), 80)).astype(np.int64)
        a_auth = _busday_add(a_start, wd)
        a_start = np.where(has_a, a_start, NA)
        a_auth = np.where(has_a, a_auth, NA)
        a_seen = rng.random(n) < 0.95

        is_cla, is_cp = path == CLA, path == CP
        emerg, via_cp, via_cin = is_cla & (route == 0), is_cla & (route == 1), is_cla & (route == 2)
        u = rng.random(n)
        s47 = is_cp | via_cp | (emerg & (u < 0.55)) | ((path == CIN) & (u < 0.30)) | ((path == ASSESS) & (u < 0.10))
        s47_start = np.where(s47, _to_weekday(ref + rng.integers(0, 8, n)), NA)
        icpc_noplan = (path == CIN) & s47 & (rng.random(n) < 0.3)
        has_icpc = is_cp | via_cp | icpc_noplan
        icpc = np.where(has_icpc, _busday_add(s47_start, rng.integers(5, 21, n)), NA)
        icpc_nr = s47 & ~has_icpc & (rng.random(n) < 0.06)

        has_cp = is_cp | via_cp
        long_cp = rng.random(n) < 0.075
        cp_dur = np.where(long_cp, rng.integers(560, 1150, n), np.clip(_ln(rng, 175, 0.6, n), 20, 1500))
        cp_dur = np.where(via_cp, np.clip(_ln(rng, 120, 0.7, n), 15, 700), cp_dur).astype(np.int64)
        cp_start = np.where(has_cp, icpc, NA)
        cp_end = np.where(has_cp, cp_start + cp_dur, NA)

        cin1 = (path == CIN) | via_cin
        cin1_start = np.where(cin1, _to_weekday(np.maximum(a_auth, ref) + rng.integers(1, 15, n)), NA)
        cin1_dur = np.where(path == CIN, np.clip(_ln(rng, 215, 0.75, n), 20, 2500),
                            np.clip(_ln(rng, 120, 0.7, n), 15, 700)).astype(np.int64)
        cin1_end = np.where(cin1, cin1_start + cin1_dur, NA)

        entry = np.select([emerg, via_cp, via_cin], [ref + rng.integers(0, 15, n), cp_end, cin1_end], NA)
        entry = np.where(is_cla, np.maximum(entry, dob + rng.integers(0, 3, n)), NA)
        cp_end = np.where(via_cp, entry, cp_end)
        cin1_end = np.where(via_cin, entry, cin1_end)

        care = self._care_model(np.flatnonzero(is_cla), entry, dob, b18, ref, n)
        exit_, kind, rec = care["exit"], care["kind"], care["rec"]

        step_cp = is_cp & (rng.random(n) < 0.55)
        step_home = is_cla & (kind == HOME) & (rng.random(n) < 0.5)
        cin2_start = np.select([step_cp, step_home], [np.maximum(cp_end, a_auth + 1), exit_], NA)
        cin2_end = np.where(cin2_start != NA, cin2_start + np.clip(_ln(rng, 150, 0.6, n), 20, 900).astype(np.int64),
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
        closure = np.where(has_a, np.maximum(closure, a_auth + rng.integers(0, 6, n)), closure)
        closure = _to_weekday(np.maximum(np.minimum(closure, b18), ref))

        # nothing outlives the referral
        def cap(st, en):
            en = np.where(st == NA, NA, np.minimum(en, closure))
            bad = (st != NA) & (st >= closure)
            return np.where(bad, NA, st), np.where(bad, NA, en)

        cp_start, cp_end = cap(cp_start, cp_end)
        cin1_start, cin1_end = cap(cin1_start, cin1_end)
        cin2_start, cin2_end = cap(cin2_start, cin2_end)

        u = rng.random(n)
        reason = np.select(
            [nfa,
             path == ASSESS,
             np.isin(rec, ["E11", "E12"]), np.isin(rec, ["E45", "E46"]), np.isin(rec, ["E41", "E47", "E48"]),
             rec == "E3", rec == "E2", rec == "E7",
             is_cla],
            [np.full(n, "RC8"),
             np.where(u < 0.55, "RC8", np.where(u < 0.95, "RC9", np.where(u < 0.98, "RC5", "RC7"))),
             np.full(n, "RC1"), np.full(n, "RC4"), np.full(n, "RC3"),
             np.full(n, "RC5"), np.full(n, "RC2"), np.full(n, "RC6"),
             np.full(n, "RC7")],
            np.where(u < 0.72, "RC7", np.where(u < 0.95, "RC9", np.where(u < 0.99, "RC5", "RC4"))))
        need = _pick(rng, _NEED_P, n)
        need = np.where(is_cla & (need == 8), 4, need)  # N9 is not a CIN code for a child in care

        out = {
            "child": child, "ref": ref, "path": path, "route": route, "src": _pick(rng, _SOURCE_P, n),
            "need": need, "closure": closure, "reason": reason.astype("<U3"),
            "a_start": a_start, "a_auth": a_auth, "a_seen": a_seen,
            "s47_start": s47_start, "icpc": icpc, "icpc_nr": icpc_nr,
            "cp_start": cp_start, "cp_end": cp_end, "ncp": C.ncp[child].copy(),
            "cp_cat0": _pick(rng, _CP_CAT_P, n), "cp_cat1": _pick(rng, _CP_CAT_P, n),
            "cp_catchg": rng.random(n) < 0.1,
            "cin1_start": cin1_start, "cin1_end": cin1_end, "cin2_start": cin2_start, "cin2_end": cin2_end,
            "entry": entry,
        }
        out.update(care)
        return out

    def _care_model(self, idx, entry_all, dob_all, b18_all, ref_all, n_all) -> dict:
        """How each period of care starts, what legal steps it goes through and how it ends."""
        rng = self.rng
        n = len(idx)
        entry, dob, b18, ref = entry_all[idx], dob_all[idx], b18_all[idx], ref_all[idx]
        ageY = (entry - dob) / _Y
        grp = np.digitize(ageY, [1, 5, 10, 16])
        kind = _pick_rows(rng, _KIND_P, grp)
        u = rng.random(n)
        young = ageY < 12
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
        l_to_c1 = np.where(np.isin(ls0, ["L1", "L2"]), entry + rng.integers(2, 9, n), NA)
        conv = (ls0 == "V2") & (kind == LTC) & (ageY < 16) & (rng.random(n) < 0.35)
        conv_date = np.where(conv, entry + rng.integers(60, 241, n), NA)
        c1 = np.select([ls0 == "C1", l_to_c1 != NA, conv], [entry, l_to_c1, conv_date], NA)
        has_pr = c1 != NA
        issue = np.where(has_pr, np.maximum(c1 - rng.integers(0, 3, n), np.minimum(ref, c1)), NA)
        weeks = np.clip(_ln(rng, 1.0, 0.22, n) * _profile(np.where(has_pr, issue, 0), _PROCEEDINGS_WEEKS), 8, 90)
        disposal = np.where(has_pr, issue + np.round(weeks * 7).astype(np.int64), NA)
        u = rng.random(n)
        home_disp = np.where(u < .45, "supervision_order", np.where(u < .62, "no_order",
                             np.where(u < .68, "withdrawn", "care_order")))
        disp_type = np.where(~has_pr, "", np.select(
            [kind == ADOPT, kind == SGO, kind == CAO, kind == HOME], ["placement_order", "special_guardianship_order",
                                                                      "child_arrangements_order", home_disp],
            "care_order")).astype("<U26")

        ln_ltc = np.clip(_ln(rng, 2800, 0.7, n), 200, 8000).astype(np.int64)
        adopt_fail = (kind == ADOPT) & (rng.random(n) < 0.08)
        po = np.where(kind == ADOPT, disposal, NA)
        adm = np.where(kind == ADOPT, np.maximum(po - rng.integers(20, 121, n), entry + 14), NA)
        pa = np.where((kind == ADOPT) & ~adopt_fail, po + np.maximum(30, _ln(rng, 150, 0.5, n)).astype(np.int64), NA)
        adopted = np.where(pa != NA, pa + np.maximum(70, _ln(rng, 240, 0.35, n)).astype(np.int64), NA)
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
            [adopted, ceased + np.maximum(120, _ln(rng, 600, 0.6, n)).astype(np.int64),
             disposal + rng.integers(0, 4, n),
             disposal + np.maximum(60, _ln(rng, 300, 0.6, n)).astype(np.int64), disposal,
             entry + np.maximum(2, _ln(rng, 45, 0.6, n)).astype(np.int64),
             entry + np.maximum(2, _ln(rng, 110, 1.0, n)).astype(np.int64),
             np.maximum(entry + ln_ltc, np.where(has_pr, disposal + 30, 0)),
             np.maximum(disposal, entry + _ln(rng, 300, 0.8, n).astype(np.int64))],
            entry + np.maximum(2, _ln(rng, 150, 0.9, n)).astype(np.int64))

        u = rng.random(n)
        ageX = (exit_ - dob) / _Y
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
        rec = np.where(at18, _choose_codes(rng, *_REC_AT_18, n).astype("<U3"), rec)
        exit_ = np.maximum(np.minimum(exit_, b18), entry + 1)

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

    def _short_break_referrals(self, children, start) -> dict:
        """Disabled children on a long CIN plan with a series of short breaks."""
        rng, C = self.rng, self.C
        n = len(children)
        b18 = C.b18[children]
        a_start = _to_weekday(start + 1)
        a_auth = _busday_add(a_start, rng.integers(15, 40, n))
        cin_start = _to_weekday(a_auth + 5)
        closure = np.minimum(b18, cin_start + rng.integers(6 * 365, 12 * 365, n))
        out = {k: np.full(n, NA, np.int64) for k in
               ("s47_start", "icpc", "cp_start", "cp_end", "cin2_start", "cin2_end", "entry", "exit", "ls1_date",
                "ls2_date", "issue", "disposal", "adm", "pa", "ceased", "p1")}
        out.update({
            "child": children, "ref": _to_weekday(start), "path": np.full(n, CIN), "route": np.zeros(n, np.int64),
            "src": np.full(n, 13), "need": np.full(n, 1), "closure": closure, "reason": np.full(n, "RC6", "<U3"),
            "a_start": a_start, "a_auth": a_auth, "a_seen": np.ones(n, bool), "icpc_nr": np.zeros(n, bool),
            "ncp": np.zeros(n, np.int64), "cp_cat0": np.zeros(n, np.int64), "cp_cat1": np.zeros(n, np.int64),
            "cp_catchg": np.zeros(n, bool), "cin1_start": cin_start, "cin1_end": closure,
            "kind": np.full(n, -1), "rec": np.full(n, "", "<U3"), "ls0": np.full(n, "", "<U2"),
            "ls1": np.full(n, "", "<U2"), "ls2": np.full(n, "", "<U2"), "disp_type": np.full(n, "", "<U26"),
            "pa_same": np.zeros(n, bool),
        })
        self.sb_window = (cin_start, closure)
        return out

    # ================================================================ episodes of care
    def build_episodes(self):
        """Placements and legal statuses of every period of care, split into SSDA903 episodes."""
        R, C, r = self.R, self.C, self.py
        is_cla = np.flatnonzero(R["path"] == CLA)
        urn_fost_own = "SC" + str(r.randint(100000, 999999))
        urn_ifa = ["SC" + str(r.randint(100000, 999999)) for _ in range(12)]
        urn_home_own = ["SC" + str(r.randint(100000, 999999)) for _ in range(4)]
        urn_home_ext = ["SC" + str(r.randint(100000, 999999)) for _ in range(25)]
        urn_adopt = "SC" + str(r.randint(100000, 999999))
        reasons = (["CARPL", "CREQB", "CREQO", "CHRQ", "LAREQ", "STAND", "ALLEG", "CLOSE", "APPRR", "OTHER"],
                   [45, 15, 8, 7, 8, 3, 2, 3, 2, 7])
        rpc_from = _dn(date(2015, 4, 1))

        def provider_and_urn(place):
            if place[0] == "U":
                if r.random() < 0.47 or place in ("U1", "U2", "U3") and r.random() < 0.75:
                    return "PR1", urn_fost_own
                return ("PR4" if r.random() < 0.8 else "PR5"), r.choice(urn_ifa)
            if place == "K2":
                if r.random() < 0.33:
                    return "PR1", r.choice(urn_home_own)
                return ("PR4" if r.random() < 0.85 else "PR5"), r.choice(urn_home_ext)
            if place == "K1":
                return "PR2", r.choice(urn_home_ext)
            if place == "P1":
                return "PR0", ""
            if place in ("H5", "P2", "Z1", "R1", "R3", "S1"):
                return ("PR4" if r.random() < 0.7 else "PR1"), ""
            if place == "R5":
                return "PR3", ""
            return "PR1", ""

        bands = {
            0: (["U6", "U6", "U3", "U5", "P1", "R3", "K2", "Z1"], [60, 0, 15, 6, 6, 4, 1, 1]),
            1: (["U6", "U3", "K2", "P1", "S1", "Z1"], [70, 14, 6, 7, 2, 1]),
            2: (["U6", "U3", "K2", "P1", "K1", "S1", "Z1"], [64, 10, 15, 6, 1, 3, 1]),
            3: (["U6", "U3", "K2", "H5", "P2", "P1", "R5", "Z1"], [40, 5, 12, 27, 8, 5, 2, 1]),
        }

        def choose_place(age):
            b = 0 if age < 5 else 1 if age < 10 else 2 if age < 16 else 3
            codes, w = bands[b]
            return r.choices(codes, w)[0]

        ep = {k: [] for k in ("child", "period", "decom", "dec", "rne", "ls", "place", "prov", "rec", "rpc",
                              "urn", "carer")}
        missing = {k: [] for k in ("child", "start", "end", "kind")}
        for i in is_cla.tolist():
            ch = int(R["child"][i])
            dob = int(C.dob[ch])
            e, x = int(R["entry"][i]), int(R["exit"][i])
            pa, p1 = int(R["pa"][i]), int(R["p1"][i])
            cuts = sorted((d, m) for d, m in ((pa, "A"), (p1, "P1")) if d != NA and e < d < x)
            unstable = r.random() < 0.10
            pls = []  # (start, place, provider, urn, same_carer)
            t, mode, j = e, None, 0
            while t < x:
                age = (t - dob) / _Y
                same = False
                if mode == "A":
                    prev_pl = pls[-1] if pls else None
                    if R["pa_same"][i] and prev_pl and prev_pl[1][0] == "U":
                        place, prov, urn, same = "A5", prev_pl[2], prev_pl[3], True
                    else:
                        place = "A6"
                        prov = r.choices(["PR1", "PR2", "PR5"], [60, 15, 25])[0]
                        urn = urn_adopt if prov == "PR1" else ""
                    dur = x - t
                elif mode == "P1":
                    place, prov, urn, dur = "P1", "PR0", "", x - t
                else:
                    place = choose_place(age)
                    prov, urn = provider_and_urn(place)
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

            # legal status timeline
            ls_events = [(e, R["ls0"][i])]
            for dk, lk in (("ls1_date", "ls1"), ("ls2_date", "ls2")):
                d = int(R[dk][i])
                if d != NA and e < d < x:
                    ls_events.append((d, R[lk][i]))
            ls_events.sort()
            pl_dates = {p[0]: p for p in pls}
            ls_dates = {d: v for d, v in ls_events}
            bounds = sorted(set(pl_dates) | set(ls_dates))
            cur_pl, cur_ls = None, None
            rows_start = len(ep["child"])
            for bi, bd in enumerate(bounds):
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
            n_rows = len(ep["child"]) - rows_start
            for k in range(n_rows):
                row = rows_start + k
                last = k == n_rows - 1
                ep["dec"].append(x if last else ep["decom"][row + 1])
                ep["rec"].append(str(R["rec"][i]) if last else "X1")
                rpc = ""
                if not last and ep["rne"][row + 1] in ("P", "B", "T", "U") and ep["decom"][row + 1] >= rpc_from:
                    rpc = "PLACE" if ep["rne"][row + 1] in ("T", "U") else r.choices(*reasons)[0]
                ep["rpc"].append(rpc)
            # going missing (teenagers)
            t12 = max(e, dob + int(12 * _Y))
            if t12 < x and r.random() < 0.28:
                years = (x - t12) / _Y
                k = min(60, int(r.expovariate(1 / max(0.01, 3.0 * years))) + 1)
                starts = sorted({t12 + r.randint(0, max(0, x - t12 - 1)) for _ in range(k)})
                for st in starts:
                    dur = min(int(r.lognormvariate(math.log(1.5), 1.0)), 60)
                    missing["child"].append(ch)
                    missing["start"].append(st)
                    missing["end"].append(min(st + dur, x))
                    missing["kind"].append("M" if r.random() < 0.75 else "A")

        self._short_break_episodes(ep)
        E = {k: np.array(v) for k, v in ep.items()}
        E["decom"] = E["decom"].astype(np.int64)
        E["dec"] = E["dec"].astype(np.int64)
        E["cin"] = np.array([_NEEDS[int(R["need"][p])] if p >= 0 else "N2" for p in E["period"].tolist()])
        order = np.lexsort((E["decom"], E["child"]))
        self.E = {k: v[order] for k, v in E.items()}
        M = {k: np.array(v) for k, v in missing.items()}
        M["start"] = M["start"].astype(np.int64)
        M["end"] = M["end"].astype(np.int64)
        self.M = M

    def _short_break_episodes(self, ep):
        r = self.py
        cin_start, closure = self.sb_window
        for k, ch in enumerate(self.sb_children.tolist()):
            t, stop = int(cin_start[k]) + r.randint(10, 40), int(closure[k])
            place = "K2" if r.random() < 0.6 else "U6"
            v4 = bool(self.sb_v4[k])
            while t < stop - 5:
                length = r.randint(300, 365) if v4 else r.randint(2, 3)
                dec = min(t + length, stop)
                for key, val in (("child", ch), ("period", -1), ("decom", t), ("dec", dec), ("rne", "S"),
                                 ("ls", "V4" if v4 else "V3"), ("place", place), ("prov", "PR1"), ("rec", "E4A"),
                                 ("rpc", ""), ("urn", ""), ("carer", 0)):
                    ep[key].append(val)
                t = dec + (r.randint(2, 10) if v4 else r.randint(18, 45))

    # ================================================================ workforce
    def simulate_workforce(self):
        """Funded posts, and who filled each of them when (permanent or agency), from ten years back."""
        r, s = self.py, self.scale
        H, D1 = self.H, self.D1
        self.stages = self._stage_intervals()
        st = self.stages
        # monthly open cases by team group, for the establishment
        fy_first, fy_last = _fy_start(H), _fy_start(D1)
        fys = []
        f = fy_first
        while f <= fy_last:
            fys.append(f)
            f = _dn(date((_EPOCH + timedelta(days=f)).year + 1, 4, 1))
        probe = np.arange(H, D1 + 1, 14)
        counts = {}
        for g in range(3):
            m = st["group"] == g
            ss, ee = np.sort(st["s"][m]), np.sort(st["e"][m])
            counts[g] = np.searchsorted(ss, probe, "right") - np.searchsorted(ee, probe, "left")
        posts = []  # (role, group, index of the first financial year[, end date])
        roles = {
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
        group_names = ["ACPS Team", "CIN and CP Team", "Children in Care Team"]
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
            need[("bs", 0)] = max(2, round(7 * s)) - (1 if fy >= _dn(date(2016, 4, 1)) and s > 0.5 else 0)
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

        T0 = H - 10 * 365
        post_rows, staff_rows = [], []
        team_count: dict = {}
        worker_seq = 0
        for pi, p in enumerate(posts):
            role, g, fi = p[0], p[1], p[2]
            p_end = p[3] if len(p) > 3 else NA
            titles, org_role, frontline, qual, caseh, p_ag = roles[role]
            if role in ("sw", "tm", "sm"):
                k = team_count.get((role, g), 0)
                team_count[(role, g)] = k + 1
                team = f"{group_names[g]} {k // 7 + 1}" if role != "sm" else f"{group_names[g]} management"
                if role == "tm":
                    team = f"{group_names[g]} {k + 1}"
            else:
                team = {"hos": "Senior Management", "iro": "Independent Reviewing Service", "pa": "Leaving Care Team",
                        "fsw": "Family Support Service", "bs": "Business Support"}[role]
            title = titles[r.randrange(len(titles))]
            p_start = fys[fi] if fi > 0 else _dn(date((_EPOCH + timedelta(days=fys[0])).year - 2, 4, 1))
            post_rows.append((pi, team, title, frontline, 1.0, p_start, p_end))
            # occupants
            t = T0 if fi == 0 else p_start + int(r.expovariate(1 / 60))
            first = fi == 0
            stop = p_end if p_end != NA else D1 + 1
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
        self.posts = post_rows
        cols = list(zip(*staff_rows))
        W = {
            "wid": np.array(cols[0], np.int64), "agency": np.array(cols[1], bool), "title": np.array(cols[2]),
            "org_role": np.array(cols[3]), "team": np.array(cols[4]), "frontline": np.array(cols[5]),
            "qual": np.array(cols[6]), "caseh": np.array(cols[7]), "fte": np.array(cols[8], float),
            "start": np.array(cols[9], np.int64), "end": np.array(cols[10], np.int64), "reason": np.array(cols[11]),
            "role": np.array(cols[12]), "group": np.array(cols[13], np.int64),
        }
        keep = (W["end"] >= H) & (W["start"] <= D1)
        W = {k: v[keep] for k, v in W.items()}
        order = np.lexsort((W["start"], W["wid"]))
        self.W = {k: v[order] for k, v in W.items()}
        self.worker_ids = np.array(self._ids(worker_seq, "W", 5), dtype=object)

    def _stage_intervals(self) -> dict:
        """Who should hold each open case: the assessment (ACPS) team, the CIN/CP team or the CIC team."""
        R, rng = self.R, self.rng
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
            m = m & (ss != NA) & (ee >= ss) & (ee >= self.H)
            out["ref"].append(np.flatnonzero(m))
            out["s"].append(np.maximum(ss[m], self.H))
            out["e"].append(ee[m])
            out["group"].append(np.full(int(m.sum()), g))
        return {k: np.concatenate(v).astype(np.int64) for k, v in out.items()}

    def allocate(self):
        """Split each stage into allocations to a qualified caseholding social worker of the right group."""
        rng, W, st = self.rng, self.W, self.stages
        D1 = self.D1
        sw = (W["role"] == "sw")
        # employment spells: an agency row followed by a permanent row of the same worker is one spell
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
        # cut stages into pieces with a change of worker every ~9 months
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
        P_ref, P_g = np.concatenate(todo_ref), np.concatenate(todo_g)
        P_s, P_e = np.concatenate(todo_s), np.concatenate(todo_e)
        out_ref, out_s, out_e, out_w = [], [], [], []
        for _ in range(60):
            if not len(P_s):
                break
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
                    pick = (rng.random(len(pending)) * np.maximum(pend_prefix, 1)).astype(np.int64)
                    ok = (pend_prefix > 0) & (pool[pick, 2] >= P_s[pending])
                    wsel[pending[ok]] = pool[pick[ok], 0]
                    w_end[pending[ok]] = pool[pick[ok], 2]
                    pending, pend_prefix = pending[~ok], pend_prefix[~ok]
                for k in pending.tolist():  # rare: exhaustive search
                    act = np.flatnonzero((pool[:, 1] <= P_s[k]) & (pool[:, 2] >= P_s[k]))
                    if len(act):
                        c = act[int(rng.integers(len(act)))]
                        wsel[k], w_end[k] = pool[c, 0], pool[c, 2]
            got = wsel >= 0
            seg_end = np.minimum(P_e, w_end)
            out_ref.append(P_ref[got]); out_s.append(P_s[got]); out_e.append(seg_end[got]); out_w.append(wsel[got])
            rest = got & (seg_end < P_e) & (seg_end + 1 <= D1)
            P_ref, P_g, P_s, P_e = P_ref[rest], P_g[rest], seg_end[rest] + 1, P_e[rest]
        A = {"ref": np.concatenate(out_ref), "s": np.concatenate(out_s), "e": np.concatenate(out_e),
             "w": np.concatenate(out_w)}
        order = np.lexsort((A["s"], A["ref"]))
        self.A = {k: v[order] for k, v in A.items()}

    def _worker_at(self, ref_idx, when) -> np.ndarray:
        """The worker allocated to a referral's case on a date (-1 if none)."""
        A = self.A
        key = A["ref"] * 100000 + (A["s"] - self.H + 1000)
        q = ref_idx * 100000 + (when - self.H + 1000)
        pos = np.searchsorted(key, q, "right") - 1
        pos = np.maximum(pos, 0)
        ok = (A["ref"][pos] == ref_idx) & (A["e"][pos] >= when) & (A["s"][pos] <= when)
        return np.where(ok, A["w"][pos], -1)

    # ================================================================ file writers
    def write_case(self, out: pathlib.Path):
        R, C, rng = self.R, self.C, self.rng
        D0, D1, H = self.D0, self.D1, self.H

        def cut(a):  # an end date after the extract date is not known yet
            return np.where((a != NA) & (a > D1), NA, a)

        keep = (R["ref"] <= D1) & (R["closure"] >= H)
        ridx = np.flatnonzero(keep)
        used = np.zeros(C.n, bool)
        used[R["child"][ridx]] = True
        closure = cut(R["closure"][ridx])
        # contacts
        cref = ridx[R["ref"][ridx] >= D0]
        c_date = _to_weekday(R["ref"][cref] - rng.choice([0, 0, 0, 1, 2, 3], len(cref)), back=True)
        ok = c_date >= D0
        c_child, c_date, c_src = R["child"][cref][ok], c_date[ok], R["src"][cref][ok]
        c_out = np.zeros(len(c_date), np.int64)  # 0 = referral
        days = np.arange(D0, D1 + 1)
        wfac = np.where(_weekday(days) < 5, 1.26, 0.35)
        rate = ((_profile(days, _CONTACTS_PER_QUARTER) - _profile(days, _REFERRALS_PER_QUARTER)) / 91.31
                * _MONTH_FACTOR[_month_index(days)] ** 0.5 * wfac * self.scale)
        nd = np.repeat(days, rng.poisson(rate))
        m = len(nd)
        n_out = 1 + _pick(rng, [.32, .33, .35], m)
        n_src = _pick(rng, _SOURCE_P, m)
        # about a third are about children already known
        known = rng.random(m) < 0.38
        rs = R["ref"]
        lo = np.searchsorted(rs, nd - 1095, "left")
        hi = np.searchsorted(rs, nd, "left")
        pick = lo + (rng.random(m) * np.maximum(hi - lo, 1)).astype(np.int64)
        pick = np.minimum(pick, len(rs) - 1)
        kc = R["child"][pick]
        valid = known & (hi > lo) & (nd < C.b18[kc]) & ((C.death[kc] == NA) | (C.death[kc] > nd))
        # the rest are children the case system has not met before
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
        age_cls = _pick(rng, [1, 8] + [5] * 4 + [5.5] * 5 + [6] * 6 + [3] * 2, n_kids) - 1
        age_days = np.where(age_cls < 0, -rng.integers(7, 150, n_kids),
                            (age_cls * _Y + rng.random(n_kids) * _Y).astype(np.int64))
        age_days = np.minimum(age_days, int(17.2 * _Y))
        base = C.n
        C2 = _Children()
        C2.add(rng, first_date - age_days, prebirth=age_cls < 0)
        C2.freeze()
        contact_child = np.where(valid, kc, 0)
        contact_child[newk] = base + kid
        used[kc[valid]] = True
        for key in ("dob", "sex", "eth", "dis", "pre", "b18", "death", "ncp", "cla"):
            setattr(C, key, np.concatenate([getattr(C, key), getattr(C2, key)]))
        C.n += n_kids
        used = np.concatenate([used, np.ones(n_kids, bool)])
        all_c_child = np.concatenate([c_child, contact_child])
        all_c_date = np.concatenate([c_date, nd])
        all_c_src = np.concatenate([c_src, n_src])
        all_c_out = np.concatenate([c_out, n_out])
        order = np.lexsort((all_c_child, all_c_date))
        self.contacts = (all_c_child[order], all_c_date[order], all_c_src[order], all_c_out[order])

        # children referenced by 903 files
        E = self.E
        used[E["child"][(E["dec"] >= _dn(date(self._years()[0] - 1, 4, 1))) & (E["decom"] <= D1)]] = True
        self.oc3 = self._oc3_cohort()
        used[self.oc3["child"]] = True
        # child ids
        n_used = int(used.sum())
        if n_used >= 10**6:
            raise ValueError("too many children for the identifier width")
        cid = np.full(C.n, -1, np.int64)
        cid[np.flatnonzero(used)] = self.no * 10**6 + 1 + rng.permutation(n_used)
        self.cid = cid

        # children.csv
        ci = np.flatnonzero(used)
        ci = ci[np.argsort(cid[ci], kind="stable")]
        dob = C.dob[ci]
        born = dob <= D1
        sex = np.where(born, C.sex[ci], 0)
        exp_bd = np.where(C.pre[ci], dob + rng.integers(-14, 15, len(ci)), NA)
        eth = np.where(born, np.asarray(_ETHNIC, dtype=object)[C.eth[ci]], "NOBT")
        death = np.where(C.death[ci] <= D1, C.death[ci], NA)
        self._write(out, "case/children.csv", "case/children.csv", [
            _str(cid[ci]), _str(sex), _fmt_dates(np.where(born, dob, NA)), _fmt_dates(exp_bd), eth.tolist(),
            np.where(C.dis[ci], "Y", "N").tolist(), _fmt_dates(death)])

        # contacts.csv
        ch, dt, src, oc = self.contacts
        self._write(out, "case/contacts.csv", "case/contacts.csv", [
            self._ids(len(ch)), _str(cid[ch]), _fmt_dates(dt), np.asarray(_SOURCES, object)[src].tolist(),
            np.array(["referral", "early_help", "advice", "nfa"], object)[oc].tolist()])

        # referrals.csv (ordered by date: ids rise with time as in a case system)
        rid = np.full(len(R["ref"]), -1, np.int64)
        rid[ridx] = self.no * 10**7 + 1 + np.arange(len(ridx))
        self.rid = rid
        rch = cid[R["child"][ridx]]
        self._write(out, "case/referrals.csv", "case/referrals.csv", [
            _str(rid[ridx]), _str(rch), _fmt_dates(R["ref"][ridx]),
            np.asarray(_SOURCES, object)[R["src"][ridx]].tolist(),
            np.asarray(_NEEDS, object)[R["need"][ridx]].tolist(),
            np.where(R["path"][ridx] == NFA, "Y", "N").tolist(), _fmt_dates(closure),
            np.where(closure == NA, "", R["reason"][ridx]).tolist()])

        def sub(start_key):
            st = R[start_key][ridx]
            m = (st != NA) & (st <= D1)
            return ridx[m]

        # assessments.csv
        ai = sub("a_start")
        auth = cut(R["a_auth"][ai])
        self._write(out, "case/assessments.csv", "case/assessments.csv", [
            self._ids(len(ai)), _str(rid[ai]), _str(cid[R["child"][ai]]), _fmt_dates(R["a_start"][ai]),
            _fmt_dates(auth), np.where(R["a_seen"][ai], "Y", "N").tolist()])
        # section47.csv
        si = sub("s47_start")
        icpc = cut(R["icpc"][si])
        self._write(out, "case/section47.csv", "case/section47.csv", [
            self._ids(len(si)), _str(rid[si]), _str(cid[R["child"][si]]), _fmt_dates(R["s47_start"][si]),
            _fmt_dates(icpc), np.where(R["icpc_nr"][si], "Y", "N").tolist()])
        # cin_plans.csv: the plan before (or instead of) protection or care, and the step-down plan
        c1 = sub("cin1_start")
        c2 = sub("cin2_start")
        ci_ref = np.concatenate([c1, c2])
        ci_s = np.concatenate([R["cin1_start"][c1], R["cin2_start"][c2]])
        ci_e = cut(np.concatenate([R["cin1_end"][c1], R["cin2_end"][c2]]))
        o = np.lexsort((ci_ref, ci_s))
        ci_ref, ci_s, ci_e = ci_ref[o], ci_s[o], ci_e[o]
        self._write(out, "case/cin_plans.csv", "case/cin_plans.csv", [
            self._ids(len(ci_ref)), _str(rid[ci_ref]), _str(cid[R["child"][ci_ref]]), _fmt_dates(ci_s),
            _fmt_dates(ci_e)])
        # cp_plans.csv
        pi = sub("cp_start")
        pe = cut(R["cp_end"][pi])
        cat0 = np.asarray(_CP_CATS, object)[R["cp_cat0"][pi]]
        cat1 = np.where(R["cp_catchg"][pi], np.asarray(_CP_CATS, object)[R["cp_cat1"][pi]], cat0)
        self._write(out, "case/cp_plans.csv", "case/cp_plans.csv", [
            self._ids(len(pi)), _str(rid[pi]), _str(cid[R["child"][pi]]), _fmt_dates(R["cp_start"][pi]),
            _fmt_dates(pe), cat0.tolist(), cat1.tolist(), _str(R["ncp"][pi])])
        # care_proceedings.csv
        gi = np.flatnonzero((R["issue"] != NA) & (R["issue"] <= D1) & (R["disposal"] >= H))
        gi = gi[np.lexsort((gi, R["issue"][gi]))]
        disp = cut(R["disposal"][gi])
        self._write(out, "case/care_proceedings.csv", "case/care_proceedings.csv", [
            self._ids(len(gi)), _str(cid[R["child"][gi]]), _fmt_dates(R["issue"][gi]), _fmt_dates(disp),
            np.where(disp == NA, "", R["disp_type"][gi]).tolist()])
        used_ref = np.zeros(len(R["ref"]), bool)
        used_ref[ridx] = True
        self.used_ref = used_ref

    def write_allocations_visits_audits(self, out: pathlib.Path):
        R, A, rng, W = self.R, self.A, self.rng, self.W
        D0, D1 = self.D0, self.D1
        cid, wids = self.cid, self.worker_ids
        # allocations.csv
        m = self.used_ref[A["ref"]]
        ar, as_, ae, aw = A["ref"][m], A["s"][m], A["e"][m], A["w"][m]
        o = np.lexsort((ar, as_))
        ar, as_, ae, aw = ar[o], as_[o], ae[o], aw[o]
        ae_out = np.where(ae > D1, NA, ae)
        # a case still open at the extract date has an open allocation
        ae_out = np.where((ae == D1) & ((R["closure"][ar] > D1)), NA, ae_out)
        self._write(out, "case/allocations.csv", "case/allocations.csv", [
            self._ids(len(ar)), _str(cid[R["child"][ar]]), wids[aw - 1].tolist(), _fmt_dates(as_),
            _fmt_dates(ae_out)])

        # visits: CP plans (every 10 working days), CIN plans (4-weekly), CLA placements (weekly then 6-weekly)
        iv_ref, iv_s, iv_e, iv_t = [], [], [], []
        for sk, ek, t in (("cp_start", "cp_end", 0), ("cin1_start", "cin1_end", 1), ("cin2_start", "cin2_end", 1)):
            mm = (R[sk] != NA) & self.used_ref
            iv_ref.append(np.flatnonzero(mm)); iv_s.append(R[sk][mm]); iv_e.append(R[ek][mm] - 1)
            iv_t.append(np.full(int(mm.sum()), t))
        E = self.E
        carer = (E["carer"] == 0) & (E["period"] >= 0) & ~np.isin(E["ls"], ["V3", "V4"])
        ci = np.flatnonzero(carer)
        # a placement lasts until the next change of carer in the same period
        nxt_start = np.empty(len(ci), np.int64)
        per = E["period"][ci]
        same_next = np.append(per[1:] == per[:-1], False)
        period_exit = R["exit"][per]
        nxt_start[:] = np.where(same_next, np.append(E["decom"][ci][1:], 0), period_exit)
        mm = self.used_ref[per]
        iv_ref.append(per[mm]); iv_s.append(E["decom"][ci][mm]); iv_e.append(nxt_start[mm] - 1)
        iv_t.append(np.full(int(mm.sum()), 2))
        iv_ref, iv_s, iv_e, iv_t = map(np.concatenate, (iv_ref, iv_s, iv_e, iv_t))
        iv_e = np.minimum(iv_e, D1)
        ok = iv_e >= D0 - 100
        iv_ref, iv_s, iv_e, iv_t = iv_ref[ok], iv_s[ok], iv_e[ok], iv_t[ok]
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
            k_idx, dts = _repeat_schedule(rng, s0, iv_e[mm], f_lo if t != 2 else 1, f_hi, gap)
            if t == 2:
                first = np.append(True, k_idx[1:] != k_idx[:-1])
                late_first = first & (rng.random(len(dts)) < 0.12) & ~late[k_idx]
                dts = np.where(late_first, dts + rng.integers(7, 12, len(dts)), dts)
            dts = _to_weekday(dts, back=bool(t % 2))
            keep = (dts >= D0) & (dts <= D1) & (dts <= iv_e[mm][k_idx] + 3)
            vis.append((iv_ref[mm][k_idx][keep], dts[keep], np.full(int(keep.sum()), t)))
        v_ref = np.concatenate([v[0] for v in vis])
        v_dt = np.concatenate([v[1] for v in vis])
        v_t = np.concatenate([v[2] for v in vis])
        o = np.lexsort((v_t, v_ref, v_dt))
        v_ref, v_dt, v_t = v_ref[o], v_dt[o], v_t[o]
        v_w = self._worker_at(v_ref, v_dt)
        n = len(v_ref)
        seen = rng.random(n) < np.array([0.92, 0.87, 0.95])[v_t]
        age = (v_dt - self.C.dob[R["child"][v_ref]]) / _Y
        alone = seen & (age >= 4) & (rng.random(n) < 0.6)
        self._write(out, "case/visits.csv", "case/visits.csv", [
            self._ids(n), _str(cid[R["child"][v_ref]]),
            np.where(v_w > 0, wids[np.maximum(v_w, 1) - 1], "").tolist(), _fmt_dates(v_dt),
            np.array(["CP", "CIN", "CLA"], object)[v_t].tolist(), np.where(seen, "Y", "N").tolist(),
            np.where(alone, "Y", "N").tolist()])

        # case_audits.csv: ~20 routine audits a month by managers, a few thematic ones a quarter
        months = np.arange(np.datetime64(self.start, "M"), np.datetime64(self.end, "M") + 1)
        m_start = months.astype("datetime64[D]").astype(np.int64)
        m_len = (months + 1).astype("datetime64[D]").astype(np.int64) - m_start
        n_rout = rng.poisson(max(3.0, 20 * self.scale), len(months))
        n_them = rng.poisson(max(0.5, 2 * self.scale), len(months))
        a_m = np.concatenate([np.repeat(np.arange(len(months)), n_rout), np.repeat(np.arange(len(months)), n_them)])
        a_type = np.concatenate([np.zeros(n_rout.sum(), np.int64), np.ones(n_them.sum(), np.int64)])
        a_dt = _to_weekday(m_start[a_m] + (rng.random(len(a_m)) * m_len[a_m]).astype(np.int64), back=True)
        keep = (a_dt >= D0) & (a_dt <= D1)
        a_dt, a_type = a_dt[keep], a_type[keep]
        na = len(a_dt)
        # the audited case: an allocation open on the day
        cand = np.flatnonzero(self.used_ref[A["ref"]])
        starts = A["s"][cand]
        o = np.argsort(starts, kind="stable")
        cand, starts = cand[o], starts[o]
        a_case = np.full(na, -1)
        pending = np.arange(na)
        for _ in range(200):
            if not len(pending):
                break
            hi = np.searchsorted(starts, a_dt[pending], "right")
            lo = np.searchsorted(starts, a_dt[pending] - 1500, "left")
            pick = lo + (rng.random(len(pending)) * np.maximum(hi - lo, 1)).astype(np.int64)
            pick = np.minimum(pick, len(cand) - 1)
            ok = (hi > lo) & (A["e"][cand[pick]] >= a_dt[pending])
            a_case[pending[ok]] = cand[pick[ok]]
            pending = pending[~ok]
        keep = a_case >= 0
        a_dt, a_type, a_case = a_dt[keep], a_type[keep], a_case[keep]
        na = len(a_dt)
        # auditors: team managers (routine), service managers (thematic)
        mgr = np.flatnonzero(np.isin(W["role"], ["tm", "sm"]))
        auditor = np.full(na, -1, np.int64)
        pending = np.arange(na)
        for _ in range(300):
            if not len(pending):
                break
            pick = mgr[rng.integers(0, len(mgr), len(pending))]
            ok = (W["start"][pick] <= a_dt[pending]) & (W["end"][pick] >= a_dt[pending])
            ok &= np.where(a_type[pending] == 1, W["role"][pick] == "sm", True)
            auditor[pending[ok]] = W["wid"][pick[ok]]
            pending = pending[~ok]
        grade_p = np.array([p for _, p in _AUDIT_P])
        g_row = np.searchsorted([_dn(d) for d, _ in _AUDIT_P], a_dt, "right") - 1
        grade = _pick_rows(rng, grade_p, np.maximum(g_row, 0))
        o = np.lexsort((a_case, a_dt))
        self._write(out, "case/case_audits.csv", "case/case_audits.csv", [
            self._ids(na), _str(cid[R["child"][A["ref"][a_case[o]]]]),
            np.where(auditor[o] > 0, wids[np.maximum(auditor[o], 1) - 1], "").tolist(), _fmt_dates(a_dt[o]),
            np.array(["routine", "thematic"], object)[a_type[o]].tolist(),
            np.asarray(_AUDIT_GRADES, object)[grade[o]].tolist()])

    # ---------------------------------------------------------------- SSDA903
    def _years(self) -> list[int]:
        first = self.start.year + (1 if self.start.month >= 4 else 0)
        last = self.end.year + (1 if self.end.month >= 4 else 0)
        return list(range(first, last + 1))

    def _oc3_cohort(self) -> dict:
        """Care leavers: in care (not on short breaks) after their 16th birthday, 13+ weeks after their 14th.
        The 19-year-olds of collection years up to _OC3_YEAR1_LAST are instead the Year 1 cohort of B11/B12
        (seed 002:2084-2085): in care, not on short breaks, on the 1 April when aged 16
        (the 1 April in their 17th year), so that the warehouse's comparison of the two finds nothing."""
        E, C = self.E, self.C
        m = ~np.isin(E["ls"], ["V3", "V4"])
        ch, s, e = E["child"][m], E["decom"][m], E["dec"][m]
        dob = C.dob[ch]
        b14, b16 = _add_years(dob, 14), _add_years(dob, 16)
        apr = (b16.astype("datetime64[D]").astype("datetime64[Y]").astype("datetime64[M]") + 3) \
            .astype("datetime64[D]").astype(np.int64)  # 1 April of the year of the 16th birthday
        apr = np.where(b16 <= apr, apr, _add_years(apr, 1))
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
        elig = in16 & (t14 >= 91) & ~perm & (last_end <= self.D1)
        kids = uniq[elig]
        rows = {"child": [], "year": [], "age": []}
        D_first = self._years()[0]
        for age, members, year1_rows in ((19, year1, True), (19, kids, False), (20, kids, False), (21, kids, False)):
            bd = _add_years(C.dob[members], age)
            coll = (bd.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
                    + (_month_index(bd) >= 3))
            ok = (bd <= self.D1) & (coll >= D_first) & ((age == 19) | (coll >= 2016))
            ok &= (coll <= _OC3_YEAR1_LAST) if year1_rows else ((age > 19) | (coll > _OC3_YEAR1_LAST))
            rows["child"].append(members[ok]); rows["year"].append(coll[ok])
            rows["age"].append(np.full(int(ok.sum()), age))
        out = {k: np.concatenate(v).astype(np.int64) for k, v in rows.items()}
        n = len(out["child"])
        rng = self.rng
        touch = _choose_codes(rng, ["YES", "NO", "REFU", "NREQ", "RHOM", "DIED"], [85, 5, 2, 4.5, 3.3, 0.2], n)
        activ = _choose_codes(rng, ["F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6"],
                              [5, 1, 16, 4, 21, 5, 3, 1, 8, 29, 7], n)
        suit = _choose_codes(rng, ["B1", "C1", "D1", "E1", "G1", "H1", "K1", "R1", "T1", "U1", "Y1"],
                             [6, 6, 3, 20, 9, 1, 1, 6, 4, 40, 4], n)
        unsuit = _choose_codes(rng, ["B2", "C2", "E2", "G2", "S2", "T2", "U2", "V2", "W2", "X2", "Y2"],
                               [8, 5, 10, 4, 12, 8, 15, 10, 8, 15, 5], n)
        accom = np.where(rng.random(n) < 0.92, suit, unsuit)
        gone = np.isin(touch, ["NO", "REFU", "DIED", "RHOM"])  # DfE: nothing recorded for these
        out["touch"] = touch
        out["activ"] = np.where(gone, "0", activ)
        out["accom"] = np.where(gone, "0", accom)
        return out

    def write_903(self, out: pathlib.Path):
        E, C, M, R = self.E, self.C, self.M, self.R
        cid = self.cid
        for Y in self._years():
            ys, ye = _dn(date(Y - 1, 4, 1)), _dn(date(Y, 3, 31))
            view = min(ye, self.D1)
            folder = f"placement/ssda903/{Y}"
            m = (E["decom"] <= view) & (E["dec"] >= ys)
            ei = np.flatnonzero(m)
            ei = ei[np.lexsort((E["decom"][ei], cid[E["child"][ei]]))]
            dec = E["dec"][ei]
            open_ = dec > view
            ch = E["child"][ei]
            self._write(out, f"{folder}/episodes.csv", "placement/ssda903/*/episodes.csv", [
                _str(cid[ch]), _fmt_dates(E["decom"][ei], True), E["rne"][ei].tolist(), E["ls"][ei].tolist(),
                E["cin"][ei].tolist(), E["place"][ei].tolist(), E["prov"][ei].tolist(),
                _fmt_dates(np.where(open_, NA, dec), True), np.where(open_, "", E["rec"][ei]).tolist(),
                np.where(open_, "", E["rpc"][ei]).tolist(), [""] * len(ei), [""] * len(ei), E["urn"][ei].tolist()])
            kids = np.unique(ch)
            kids = kids[np.argsort(cid[kids], kind="stable")]
            dob = C.dob[kids]
            female = C.sex[kids] == 2
            age_ye = (view - dob) / _Y
            mother = female & (age_ye >= 13) & (self.rng.random(len(kids)) < 0.04)
            mc_dob = np.where(mother, view - self.rng.integers(30, 700, len(kids)), NA)
            mc_dob = np.where(mother, np.maximum(mc_dob, dob + int(13 * _Y)), NA)
            upn_digits = self.rng.integers(10**11, 10**12, len(kids))
            upn_letter = np.array(list("ABCDEFGHJKLMNPQRTUVWXYZ"), object)[self.rng.integers(0, 23, len(kids))]
            upn = np.where(age_ye >= 5, [f"{a}{b:012d}" for a, b in zip(upn_letter.tolist(), upn_digits.tolist())],
                           "")
            self._write(out, f"{folder}/header.csv", "placement/ssda903/*/header.csv", [
                _str(cid[kids]), _str(C.sex[kids]), _fmt_dates(dob, True),
                np.asarray(_ETHNIC, object)[C.eth[kids]].tolist(), upn.tolist(),
                np.where(female & (age_ye >= 12), np.where(mother, "1", "0"), "").tolist(),
                _fmt_dates(mc_dob, True)])
            O = self.oc3
            oi = np.flatnonzero(O["year"] == Y)
            oi = oi[np.argsort(cid[O["child"][oi]], kind="stable")]
            self._write(out, f"{folder}/oc3.csv", "placement/ssda903/*/oc3.csv", [
                _str(cid[O["child"][oi]]), _fmt_dates(C.dob[O["child"][oi]], True), O["touch"][oi].tolist(),
                O["activ"][oi].tolist(), O["accom"][oi].tolist()])
            mi = np.flatnonzero((M["start"] >= ys) & (M["start"] <= view))
            mi = mi[np.lexsort((M["start"][mi], cid[M["child"][mi]]))]
            mend = np.where(M["end"][mi] > view, NA, M["end"][mi])
            self._write(out, f"{folder}/missing.csv", "placement/ssda903/*/missing.csv", [
                _str(cid[M["child"][mi]]), _fmt_dates(C.dob[M["child"][mi]], True), M["kind"][mi].tolist(),
                _fmt_dates(M["start"][mi], True), _fmt_dates(mend, True)])
            # adoption decisions
            ceased = np.where(R["ceased"] != NA, R["ceased"], np.where(np.isin(R["rec"], ["E11", "E12"]), R["exit"], NA))
            reason = np.where(R["ceased"] != NA, "RD1", R["rec"])
            pi = np.flatnonzero((R["adm"] != NA) & (R["adm"] <= view) & ((ceased == NA) | (ceased >= ys))
                                & (R["adm"] < R["exit"]))
            pi = pi[np.argsort(cid[R["child"][pi]], kind="stable")]
            pc = np.where(ceased[pi] > view, NA, ceased[pi])
            self._write(out, f"{folder}/placed_for_adoption.csv", "placement/ssda903/*/placed_for_adoption.csv", [
                _str(cid[R["child"][pi]]), _fmt_dates(C.dob[R["child"][pi]], True), _fmt_dates(R["adm"][pi], True),
                _fmt_dates(pc, True), np.where(pc == NA, "", reason[pi]).tolist()])

    # ---------------------------------------------------------------- workforce files
    def write_workforce(self, out: pathlib.Path):
        W, rng = self.W, self.rng
        D1, H = self.D1, self.H
        wids = self.worker_ids
        end_out = np.where(W["end"] > D1, NA, W["end"])
        self._write(out, "workforce/staff.csv", "workforce/staff.csv", [
            wids[W["wid"] - 1].tolist(), np.where(W["agency"], "Y", "N").tolist(), W["title"].tolist(),
            W["org_role"].tolist(), W["team"].tolist(), W["frontline"].tolist(), W["qual"].tolist(),
            W["caseh"].tolist(), [f"{x:.1f}" for x in W["fte"].tolist()], _fmt_dates(W["start"]),
            _fmt_dates(end_out), np.where(end_out == NA, "", W["reason"]).tolist()])
        P = [p for p in self.posts if p[5] <= D1 and (p[6] == NA or p[6] >= H)]
        ids = self._ids(len(self.posts), "P", 5)
        self._write(out, "workforce/posts.csv", "workforce/posts.csv", [
            [ids[p[0]] for p in P], [p[1] for p in P], [p[2] for p in P], [p[3] for p in P],
            [f"{p[4]:.1f}" for p in P], _fmt_dates([p[5] for p in P]),
            _fmt_dates([p[6] if p[6] != NA and p[6] <= D1 else NA for p in P])])
        # supervisions: caseholding staff, every 3-5 weeks (sometimes late)
        ch = np.flatnonzero(W["caseh"] == "Y")
        s0 = np.maximum(W["start"][ch], H)
        e0 = np.minimum(W["end"][ch], D1)
        k, dts = _repeat_schedule(
            rng, s0, e0, 7, 28,
            lambda k: np.select([rng.random(k) < 0.86, rng.random(k) < 0.8],
                                [rng.integers(21, 36, k), rng.integers(36, 50, k)], rng.integers(50, 90, k)))
        dts = _to_weekday(dts, back=True)
        o = np.lexsort((W["wid"][ch][k], dts))
        self._write(out, "workforce/supervisions.csv", "workforce/supervisions.csv", [
            self._ids(len(dts)), wids[W["wid"][ch][k][o] - 1].tolist(), _fmt_dates(dts[o])])
        # absences: short, medium and long spells; sickness rate about 4-5.5%
        s0 = np.maximum(W["start"], H)
        e0 = np.minimum(W["end"], D1)
        k, dts = _repeat_schedule(rng, s0, e0, 0, 360, lambda k: rng.exponential(360, k).astype(np.int64) + 5)
        dts = _to_weekday(dts)
        keep = dts <= D1
        k, dts = k[keep], dts[keep]
        m = len(dts)
        kind = _pick(rng, [.64, .26, .10], m)
        length = np.select([kind == 0, kind == 1], [rng.integers(1, 4, m), rng.integers(4, 16, m)],
                           rng.integers(16, 121, m))
        winter = np.isin(_month_index(dts), [0, 1, 10, 11])
        length = np.where(winter & (kind == 0) & (rng.random(m) < 0.3), length + 1, length)
        a_end = _busday_add(dts, length - 1)
        a_end = np.minimum(a_end, W["end"][k])
        keep = a_end >= dts
        k, dts, a_end, kind = k[keep], dts[keep], a_end[keep], kind[keep]
        m = len(dts)
        shown_end = np.where(a_end > D1, NA, a_end)
        lost = _busday_count(dts, np.minimum(a_end, D1) + 1) * W["fte"][k]
        reason = np.where(kind == 2, _choose_codes(rng, ["stress_anxiety_depression", "musculoskeletal",
                                                         "surgery_hospital", "other"], [45, 25, 20, 10], m),
                          _choose_codes(rng, ["infection_cold_flu", "gastrointestinal", "musculoskeletal",
                                              "stress_anxiety_depression", "other"], [38, 22, 14, 12, 14], m))
        o = np.lexsort((W["wid"][k], dts))
        self._write(out, "workforce/absences.csv", "workforce/absences.csv", [
            self._ids(m), wids[W["wid"][k][o] - 1].tolist(), _fmt_dates(dts[o]), _fmt_dates(shown_end[o]),
            [f"{x:.1f}" for x in lost[o].tolist()], reason[o].tolist()])

    # ---------------------------------------------------------------- finance
    def write_finance(self, out: pathlib.Path):
        E, R, C, W, rng = self.E, self.R, self.C, self.W, self.rng
        s = self.scale
        months = np.arange(np.datetime64(self.start, "M"), np.datetime64(self.end, "M") + 1)
        m_start = months.astype("datetime64[D]").astype(np.int64)
        m_end = (months + 1).astype("datetime64[D]").astype(np.int64)
        lo, hi = int(m_start[0]), int(m_end[-1])
        cats = ["out_of_authority_residential", "internal_residential", "independent_fostering_agency",
                "in_house_fostering", "special_guardianship_order", "other"]
        # child-days by care-ladder category, per day
        place, prov = E["place"], E["prov"]
        cat = np.select(
            [np.isin(place, ["K2", "K1", "S1", "R1"]) & (prov != "PR1"), np.isin(place, ["K2", "K1"]) & (prov == "PR1"),
             np.char.startswith(place.astype(str), "U") & (prov != "PR1"), np.char.startswith(place.astype(str), "U")],
            [0, 1, 2, 3], 5)
        cla = ~np.isin(E["ls"], ["V3", "V4"])
        daily = np.zeros((len(cats), hi - lo + 1))
        for c in range(len(cats)):
            m = cla & (cat == c)
            a = np.clip(E["decom"][m], lo, hi) - lo
            b = np.clip(E["dec"][m], lo, hi) - lo
            np.add.at(daily[c], a, 1)
            np.add.at(daily[c], b, -1)
        sgo = np.isin(R["rec"], ["E45", "E46"])
        a = np.clip(R["exit"][sgo], lo, hi) - lo
        b = np.clip(C.b18[R["child"][sgo]], lo, hi) - lo
        np.add.at(daily[4], a, 1)
        np.add.at(daily[4], b, -1)
        daily = np.cumsum(daily, axis=1)[:, : hi - lo]
        # weekly unit costs from April each year
        fy0 = _fy_start(self.D0)
        fys = []
        f = fy0
        while f <= self.D1:
            fys.append(f)
            f = _dn(date((_EPOCH + timedelta(days=f)).year + 1, 4, 1))
        base_cost = np.array([2650.0, 2240.0, 650.0, 310.0, 112.0, 257.0])
        growth = np.array([1.05, 1.03, 1.025, 1.02, 1.02, 1.025])
        fy_year = np.array([(_EPOCH + timedelta(days=f)).year for f in fys])
        cost = base_cost[None, :] * growth[None, :] ** (fy_year[:, None] - 2015)
        cost = np.round(cost, 0)
        self._write(out, "finance/placement_unit_costs.csv", "finance/placement_unit_costs.csv", [
            [c for _ in fys for c in cats], [d for f in _fmt_dates(fys) for d in [f] * len(cats)],
            _money(cost.ravel())])
        day_fy = np.searchsorted(np.array(fys), np.arange(lo, hi), "right") - 1
        day_cost = daily * cost[day_fy].T / 7.0  # per category per day
        m_idx = np.searchsorted(m_start, np.arange(lo, hi), "right") - 1
        month_cost = np.zeros((len(cats), len(months)))
        for c in range(len(cats)):
            month_cost[c] = np.bincount(m_idx, weights=day_cost[c], minlength=len(months))
        month_cost *= 1 + rng.normal(0, 0.015, month_cost.shape)
        # care ladder: budgeted children = 88-92% of those in each category at the start of the year
        ladder_rows = []
        fy_budget_place = {}
        for fi, f in enumerate(fys):
            k = min(max(f, lo), hi - 1) - lo
            bud_children = np.round(daily[:, k] * rng.uniform(0.86, 0.92, len(cats)))
            amount = bud_children * cost[fi] * 52.14
            fy_budget_place[f] = amount
            for c in range(len(cats)):
                ladder_rows.append((_fy_label(f), cats[c], bud_children[c], amount[c]))
        self._write(out, "finance/care_ladder_budget.csv", "finance/care_ladder_budget.csv", [
            [x[0] for x in ladder_rows], [x[1] for x in ladder_rows], [f"{x[2]:.0f}" for x in ladder_rows],
            _money([x[3] for x in ladder_rows])])

        # staffing cost factor: filled FTE (agency at a premium) over the establishment
        est = np.array([sum(1.0 for p in self.posts if p[5] <= d and (p[6] == NA or p[6] >= d)) for d in m_start])
        fte_in = np.zeros(len(months))
        ag_in = np.zeros(len(months))
        for k, d in enumerate(m_start.tolist()):
            act = (W["start"] <= d) & (W["end"] >= d)
            fte_in[k] = W["fte"][act & ~W["agency"]].sum()
            ag_in[k] = W["fte"][act & W["agency"]].sum()
        staff_factor = (fte_in + 1.4 * ag_in) / np.maximum(est, 1) + 0.01

        lines = []  # (cost centre, service area, category, stream, fy->annual budget or None, monthly actual fn)
        fy_of_month = np.searchsorted(np.array(fys), m_start, "right") - 1
        yrs = fy_year[fy_of_month]

        def fy_share(values_by_fy):
            return np.array([values_by_fy[fys[i]] for i in fy_of_month]) / 12.0

        place_map = [("CC110", "Children in care", "placements", [0, 1]),
                     ("CC120", "Children in care", "placements", [2, 3]),
                     ("CC130", "Permanence", "placements", [4]),
                     ("CC140", "Children in care", "placements", [5])]
        for cc, area, catg, cs in place_map:
            bud = fy_share({f: fy_budget_place[f][cs].sum() for f in fys})
            act = month_cost[cs].sum(axis=0)
            lines.append((cc, area, catg, "core contract", bud, act))
        staffing_total = 20.5e6 * s * 1.02 ** (yrs - 2015)
        for cc, area, share in (("CC210", "Assessment and child protection", 0.24),
                                ("CC220", "Children in need and protection", 0.30),
                                ("CC230", "Children in care and leaving care", 0.26),
                                ("CC240", "Family support and youth offending", 0.20)):
            bud = staffing_total * share / 12
            act = bud * staff_factor * (1 + rng.normal(0, 0.01, len(months)))
            lines.append((cc, area, "staffing", "core contract", bud, act))
        other_total = 2.9e6 * s * 0.99 ** (yrs - 2015)
        for cc, area, share in (("CC310", "Business support and overheads", 0.6),
                                ("CC320", "Premises and transport", 0.4)):
            bud = other_total * share / 12
            act = bud * rng.uniform(0.62, 0.78, len(months))
            lines.append((cc, area, "other_expenditure", "core contract", bud, act))
        core_exp_budget = sum(line[4] for line in lines)
        inc_bud = core_exp_budget
        inc_act = inc_bud * (1.004 + rng.normal(0, 0.002, len(months)))
        lines.append(("CC410", "Contract and grant income", "income", "core contract", inc_bud, inc_act))
        # funding streams additional to the annual contract
        y0 = yrs
        innov = (y0 >= 2014) & (y0 <= 2016)
        bud = np.where(innov, 1.5e6 * s / 12, np.nan)
        lines.append(("CC510", "Innovation programme", "other_expenditure", "Innovation Fund", bud,
                      bud * rng.uniform(0.85, 1.0, len(months))))
        bud = np.full(len(months), 0.6e6 * s / 12)
        lines.append(("CC520", "Stronger families", "staffing", "Troubled Families", bud,
                      bud * rng.uniform(0.9, 1.1, len(months))))
        cap_years = (y0 >= 2015) & (y0 <= 2017)
        cap_bud = np.where((y0 == 2015) | (y0 == 2016), 0.4e6 * s / 12, 0.0)
        cap_act = np.where(cap_years, 0.4e6 * s / 12 * rng.uniform(0.4, 1.3, len(months)), np.nan)
        # 2017/18: capital spend with no budget line
        lines.append(("CC530", "Capital programme", "other_expenditure", "Capital",
                      np.where(cap_years & (y0 != 2017), cap_bud, np.where(cap_years, -1.0, np.nan)), cap_act))

        rows = []
        for cc, area, catg, stream, bud, act in lines:
            bud = np.asarray(bud, float) * np.ones(len(months))
            act = np.asarray(act, float) * np.ones(len(months))
            present = ~np.isnan(act)
            fc = np.zeros(len(months))
            for fi in np.unique(fy_of_month):
                mm = np.flatnonzero((fy_of_month == fi) & present)
                if not len(mm):
                    continue
                # months of the year before the first month in the extract count at budget
                f = fys[fi]
                first_m = int(np.datetime64(_EPOCH + timedelta(days=f), "M").astype(np.int64))
                before = int(months[mm[0]].astype(np.int64)) - first_m
                for j, k in enumerate(mm.tolist()):
                    done = before + j + 1
                    ytd = act[mm[: j + 1]].sum() + before * act[mm[0]]
                    run = act[mm[max(0, j - 2): j + 1]].mean()
                    fc[k] = ytd + (12 - done) * run * (1 + rng.normal(0, 0.004))
            for k in np.flatnonzero(present).tolist():
                b = bud[k]
                rows.append((k, cc, area, catg, stream, "" if b < 0 else f"{b:.2f}", f"{act[k]:.2f}", f"{fc[k]:.2f}"))
        rows.sort(key=lambda x: (x[0], x[1], x[4]))
        mlabels = _fmt_dates(m_start)
        self._write(out, "finance/ledger.csv", "finance/ledger.csv", [
            [mlabels[x[0]] for x in rows], [x[1] for x in rows], [x[2] for x in rows], [x[3] for x in rows],
            [x[4] for x in rows], [x[5] for x in rows], [x[6] for x in rows], [x[7] for x in rows]])

        # balance sheet: liquidity falls from ~50 to ~33 days of spend as the overspend bites
        spend = sum(np.nan_to_num(np.asarray(line[5], float)) for line in lines if line[2] != "income")
        daily_spend = spend / 30.4
        days_cash = np.interp(m_start, [_dn(date(2011, 4, 1)), _dn(date(2015, 4, 1)), _dn(date(2019, 3, 31))],
                              [52, 46, 34]) + rng.normal(0, 3, len(months))
        cash = daily_spend * days_cash
        assets = cash + spend * rng.uniform(0.9, 1.3, len(months))
        ratio = np.interp(m_start, [_dn(date(2011, 4, 1)), _dn(date(2019, 3, 31))], [1.9, 1.35]) + rng.normal(
            0, 0.08, len(months))
        liab = assets / ratio
        self._write(out, "finance/balance_sheet.csv", "finance/balance_sheet.csv", [
            _fmt_dates(m_end - 1), _money(cash), _money(assets), _money(liab)])

    # ---------------------------------------------------------------- youth justice
    def write_youth_justice(self, out: pathlib.Path):
        rng, s = self.rng, self.scale
        D0, D1 = self.D0, self.D1
        days = np.arange(D0 - 3 * 365, D1 + 1)
        rate = 155 * s / _Y * np.interp(days, [_dn(date(2011, 4, 1)), _dn(date(2019, 3, 31))], [1.25, 0.8])
        first = np.repeat(days, rng.poisson(rate))
        n = len(first)
        age = rng.choice(np.arange(10, 18), n, p=np.array([2, 4, 8, 12, 16, 19, 20, 19]) / 100)
        dob = first - (age * _Y + rng.random(n) * _Y).astype(np.int64)
        b18 = _add_years(dob, 18)
        prolific = rng.random(n) < 0.22
        off_p, off_v, off_d, off_k = [], [], [], []
        cur = first
        live = np.arange(n)
        k = 0
        while len(live):
            off_p.append(live); off_d.append(cur); off_k.append(np.full(len(live), k))
            lag = np.where(rng.random(len(live)) < 0.88, _ln(rng, 40, 0.8, len(live)),
                           np.where(rng.random(len(live)) < 0.75, rng.integers(180, 540, len(live)),
                                    rng.integers(548, 800, len(live)))).astype(np.int64) + 1
            proven = cur + lag
            p = np.where(prolific[live], 0.72, 0.27)
            go = rng.random(len(live)) < p
            nxt = proven + rng.exponential(140, len(live)).astype(np.int64) + 1
            ok = go & (nxt <= D1) & (nxt < b18[live])
            off_v.append(proven)
            live, cur = live[ok], nxt[ok]
            k += 1
        person = np.concatenate(off_p)
        proven = np.concatenate(off_v)
        odate = np.concatenate(off_d)
        kth = np.concatenate(off_k)
        o = np.lexsort((person, odate))
        person, proven, odate, kth = person[o], proven[o], odate[o], kth[o]
        # a disposal on the proven date while under 18
        dm = (proven <= D1) & (proven < b18[person]) & (proven >= D0 - 2 * 365)
        dp, dd, dk = person[dm], proven[dm], kth[dm]
        nd = len(dp)
        u = rng.random(nd)
        dtype_ = np.where(dk == 0, np.where(u < 0.55, 0, np.where(u < 0.985, 1, 2)),
                          np.where(u < 0.22, 0, np.where(u < 0.92, 1, 2)))
        order_len = np.select([dtype_ == 1, dtype_ == 2],
                              [rng.integers(3, 13, nd) * 30, rng.choice([4, 6, 8, 10, 12, 18, 24], nd) * 30], 0)
        order_end = np.where(dtype_ == 0, NA, dd + order_len)
        rel = dtype_ == 2
        r_person, r_date, r_end = dp[rel], dd[rel] + order_len[rel] // 2, order_end[rel]
        all_p = np.concatenate([dp, r_person])
        all_d = np.concatenate([dd, r_date])
        all_t = np.concatenate([dtype_, np.full(len(r_person), 3)])
        all_e = np.concatenate([order_end, r_end])
        keep = all_d <= D1
        all_p, all_d, all_t, all_e = all_p[keep], all_d[keep], all_t[keep], all_e[keep]
        m = len(all_p)
        ended = (all_e != NA) & (all_e <= D1) & (all_t != 2)
        ete = _choose_codes(rng, ["suitable_full_time", "suitable_part_time", "none", "unknown", ""],
                            [54, 18, 16, 5, 7], m)
        ete = np.where(ended, ete, "")
        o = np.lexsort((all_t, all_p, all_d))
        pid = np.array(self._ids(n, "YJ", 6), dtype=object)
        self._write(out, "youth_justice/yjs_disposals.csv", "youth_justice/yjs_disposals.csv", [
            self._ids(m), pid[all_p[o]].tolist(), _fmt_dates(dob[all_p[o]]), _fmt_dates(all_d[o]),
            np.array(["caution", "community", "custodial_sentence", "custody_release"], object)[all_t[o]].tolist(),
            _fmt_dates(all_e[o]), ete[o].tolist()])
        om = (odate <= D1) & (proven <= D1) & (odate >= D0 - 3 * 365)
        self._write(out, "youth_justice/yjs_offences.csv", "youth_justice/yjs_offences.csv", [
            self._ids(int(om.sum())), pid[person[om]].tolist(), _fmt_dates(odate[om]), _fmt_dates(proven[om])])

    # ---------------------------------------------------------------- family support
    def write_family_support(self, out: pathlib.Path):
        rng, s = self.rng, self.scale
        D0, D1 = self.D0, self.D1
        days = np.arange(D0 - 365, D1 + 1)
        rate = 2000 * s / _Y * np.where(_weekday(days) < 5, 1.38, 0.05)
        st = np.repeat(days, rng.poisson(rate))
        n = len(st)
        med = np.interp(st, [_dn(date(2011, 4, 1)), _dn(date(2017, 4, 1)), _dn(date(2018, 9, 30))], [215, 226, 172])
        length = np.clip(med * np.exp(0.35 * rng.standard_normal(n)), 30, 700).astype(np.int64)
        en = st + length
        repeat = rng.random(n) < 0.14
        fam = np.cumsum(~repeat) - 1
        back = np.minimum(fam, rng.integers(1, 3000, n))
        fam = np.where(repeat, fam - back, fam)
        u = rng.random(n)
        outcome = np.where(u < 0.75, "improved", np.where(u < 0.93, "not_improved", "unknown"))
        reason = np.where(outcome == "improved",
                          _choose_codes(rng, ["outcomes_achieved", "stepped_down_universal"], [80, 20], n),
                          _choose_codes(rng, ["family_disengaged", "stepped_up_to_social_care", "moved_away",
                                              "other"], [40, 30, 15, 15], n))
        keep = en >= D0
        st, en, fam, outcome, reason = st[keep], en[keep], fam[keep], outcome[keep], reason[keep]
        open_ = en > D1
        o = np.lexsort((fam, st))
        fid = np.array(self._ids(int(fam.max()) + 1 if len(fam) else 0, "F", 6), dtype=object)
        self._write(out, "family_support/interventions.csv", "family_support/interventions.csv", [
            self._ids(len(st)), fid[fam[o]].tolist(), _fmt_dates(st[o]), _fmt_dates(np.where(open_, NA, en)[o]),
            np.where(open_, "", outcome)[o].tolist(), np.where(open_, "", reason)[o].tolist()])

    # ---------------------------------------------------------------- population
    def write_population(self, out: pathlib.Path):
        rng, s = self.rng, self.scale
        base = np.array([3830, 3850, 3840, 3800, 3780, 3760, 3720, 3700, 3680, 3650, 3600, 3560, 3500, 3460, 3440,
                         3430, 3480, 3520, 3560, 3620, 3700, 3760, 3800, 3850, 3880, 3900], float)
        base[:18] *= 65200 / base[:18].sum()
        rows = []
        for y in range(self.start.year - 1, self.end.year + 1):
            trend = 1 + 0.004 * (y - 2015)
            v = np.round(base * s * trend * (1 + rng.normal(0, 0.008, len(base)))).astype(np.int64)
            rows.extend((y, a, int(v[a])) for a in range(len(base)))
        self._write(out, "reference/population.csv", "reference/population.csv", [
            [str(x[0]) for x in rows], [str(x[1]) for x in rows], [str(x[2]) for x in rows]])

    # ---------------------------------------------------------------- run
    def run(self, out: pathlib.Path) -> None:
        self.simulate_cases()
        self.build_episodes()
        self.simulate_workforce()
        self.allocate()
        self.write_case(out)
        self.write_allocations_visits_audits(out)
        self.write_903(out)
        self.write_workforce(out)
        self.write_finance(out)
        self.write_youth_justice(out)
        self.write_family_support(out)
        self.write_population(out)
        self._remove_stale(out)

    def _remove_stale(self, out: pathlib.Path) -> None:
        """A drop is a full refresh: CSVs of this authority that this run did not write are removed."""
        root = out / self.code
        written = {p.resolve() for p in self.written}
        for fam in FAMILY_FOLDERS:
            d = root / fam
            if not d.is_dir():
                continue
            for p in sorted(d.rglob("*.csv")):
                if p.resolve() not in written:
                    p.unlink()
            for p in sorted(d.rglob("*"), reverse=True):
                if p.is_dir() and not any(p.iterdir()):
                    p.rmdir()


def generate(out_dir: pathlib.Path, n_las: int = 1, seed: int = 0, start: date = date(2011, 4, 1),
             end: date = date(2019, 3, 31), progress: Callable[[str], None] | None = None) -> dict:
    """Write a complete deterministic raw drop to out_dir/<la_code>/... for n_las authorities.

    Returns {"la_codes": [...], "files": <files written>, "rows": {<relative path pattern>: total rows}}; the
    903 files' pattern has `*` for the collection year (e.g. 'placement/ssda903/*/episodes.csv').
    """
    if end <= start + timedelta(days=27):
        raise ValueError("end must be at least four weeks after start")
    if start < date(1990, 1, 1) or end > date(2080, 1, 1):
        raise ValueError("dates outside the supported range")
    out = pathlib.Path(out_dir)
    codes = la_codes(n_las)
    rows: dict[str, int] = {}
    files = 0
    for i, code in enumerate(codes):
        la = _Authority(code, i, seed, start, end)
        la.run(out)
        files += len(la.written)
        for k, v in la.files.items():
            rows[k] = rows.get(k, 0) + v
        if progress:
            progress(f"{code}: {i + 1}/{n_las} authorities written")
    return {"la_codes": codes, "files": files, "rows": dict(sorted(rows.items()))}
