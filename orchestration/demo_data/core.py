"""The simulation core every extract family shares: dates, random draws, keys, CSV writing, one authority's state.

Dates are held as days since 1970-01-01 (int64), with `NA` for a missing date, and formatted
only when a file is written. `Authority` holds what is simulated once and read by several
families: the children registry (`Children`), the referrals and periods of care (`R`), the
SSDA903 episodes (`E`), the workforce (`W`) and the allocations (`A`).
"""

from __future__ import annotations

import math
import pathlib
import random
from datetime import date, timedelta
from functools import lru_cache

import numpy as np

NA = -(10**9)  # a missing date (days since epoch)
EPOCH = date(1970, 1, 1)
_TABLE_FIRST = date(1900, 1, 1)
_TABLE_LAST = date(2101, 1, 1)
Y = 365.25  # days in a year

# Folders written per authority, relative to out_dir/<la_code>/ (903 files per year folder).
FAMILY_FOLDERS = ("case", "placement/ssda903", "workforce", "finance", "youth_justice", "family_support", "reference",
                  "ssd")

# code lists more than one family uses
NEEDS = ["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"]
ETHNIC = ["WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH",
          "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"]
ETHNIC_P = [.86, .003, .03, .005, .005, .02, .005, .006, .015, .004, .01, .002, .004, .003, .008, .002, .002,
            .008, .003, .005]
# referral pathways
NFA, ASSESS, CIN, CP, CLA = 0, 1, 2, 3, 4
# outcome of a period of care
ADOPT, SGO, CAO, HOME, LTC, OTHER = 0, 1, 2, 3, 4, 5


# ------------------------------------------------------------------ dates
def dn(d: date) -> int:
    """Days since 1970-01-01."""
    return (d - EPOCH).days


def to_date(d) -> date:
    """The date of a day number."""
    return EPOCH + timedelta(days=int(d))


@lru_cache(maxsize=1)
def _date_tables():
    base = dn(_TABLE_FIRST)
    n = dn(_TABLE_LAST) - base
    iso = np.datetime_as_string(np.arange(base, base + n).astype("datetime64[D]")).tolist()
    dmy = [s[8:10] + "/" + s[5:7] + "/" + s[0:4] for s in iso]
    return base, np.array(iso + [""], dtype=object), np.array(dmy + [""], dtype=object)


def fmt_dates(a, dmy: bool = False) -> list[str]:
    """Day numbers as YYYY-MM-DD (or DD/MM/YYYY), blank for NA."""
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


def busday_add(days: np.ndarray, n) -> np.ndarray:
    """The date n working days after each date (weekends and bank holidays are not working days)."""
    d = np.asarray(days, dtype=np.int64)
    safe = np.where(d == NA, 0, d).astype("datetime64[D]")
    out = np.busday_offset(safe, n, roll="forward", holidays=_bank_holidays()).astype(np.int64)
    return np.where(d == NA, NA, out)


def busday_count(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Working days from a (included) to b (excluded)."""
    return np.busday_count(a.astype("datetime64[D]"), b.astype("datetime64[D]"), holidays=_bank_holidays())


def weekday(d: np.ndarray) -> np.ndarray:
    """Day of the week, Monday = 0."""
    return (np.asarray(d) + 3) % 7


def to_weekday(d: np.ndarray, back: bool = False) -> np.ndarray:
    """Move a Saturday or Sunday to the next Monday (or the previous Friday)."""
    d = np.asarray(d, dtype=np.int64)
    wd = weekday(d)
    if back:
        shift = np.where(wd == 5, -1, np.where(wd == 6, -2, 0))
    else:
        shift = np.where(wd == 5, 2, np.where(wd == 6, 1, 0))
    return np.where(d == NA, NA, d + shift)


def profile(days, anchors) -> np.ndarray:
    """A time profile given as (date, value) anchors: linear in between, flat outside."""
    xs = [dn(d) for d, _ in anchors]
    return np.interp(np.asarray(days, dtype=float), xs, [v for _, v in anchors])


def month_index(days: np.ndarray) -> np.ndarray:
    """0 = January."""
    return (np.asarray(days).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)) % 12


def add_years(days: np.ndarray, n: int) -> np.ndarray:
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


def fy_start(d: int) -> int:
    """1 April of the financial year of a date."""
    x = to_date(d)
    y = x.year if x.month >= 4 else x.year - 1
    return dn(date(y, 4, 1))


def fy_starts(first: int, last: int) -> list[int]:
    """1 April of every financial year from the one holding `first` to the one holding `last`."""
    out = []
    f = fy_start(first)
    while f <= last:
        out.append(f)
        f = dn(date(to_date(f).year + 1, 4, 1))
    return out


def fy_label(fy_start: int) -> str:
    """'2016/17' for the year starting 1 April 2016."""
    y = to_date(fy_start).year
    return f"{y}/{(y + 1) % 100:02d}"


# ------------------------------------------------------------------ random helpers
def pick(rng: np.random.Generator, p, n: int) -> np.ndarray:
    """n draws of an index from the weights p."""
    c = np.cumsum(np.asarray(p, dtype=float))
    c /= c[-1]
    return np.minimum(np.searchsorted(c, rng.random(n), side="right"), len(c) - 1)


def pick_rows(rng: np.random.Generator, P: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """One draw per element from the distribution in row rows[i] of P."""
    c = np.cumsum(P, axis=1)
    c /= c[:, -1:]
    u = rng.random(len(rows))
    return np.minimum((u[:, None] >= c[rows]).sum(axis=1), P.shape[1] - 1)


def ln(rng: np.random.Generator, median: float, sigma: float, n: int) -> np.ndarray:
    """n log-normal draws."""
    return median * np.exp(sigma * rng.standard_normal(n))


def choose_codes(rng, codes, p, n) -> np.ndarray:
    """n codes drawn with the weights p."""
    return np.asarray(codes, dtype=object)[pick(rng, p, n)]


def repeat_schedule(rng, starts, ends, first_lo, first_hi, gap_fn):
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


# ------------------------------------------------------------------ values as text
def as_str(a) -> list[str]:
    """Values as text."""
    return [str(x) for x in np.asarray(a).tolist()]


def money(a) -> list[str]:
    """Amounts with two decimals."""
    return [f"{x:.2f}" for x in np.asarray(a, dtype=float).tolist()]


# ------------------------------------------------------------------ one authority's state
class Children:
    """Every person the case system knows, as parallel arrays (index = internal child number)."""

    def __init__(self):
        self.parts: list[dict] = []
        self.n = 0

    def add(self, rng, dob, prebirth=None, disabled=None) -> np.ndarray:
        k = len(dob)
        part = {
            "dob": np.asarray(dob, dtype=np.int64),
            "sex": np.where(rng.random(k) < 0.51, 1, 2),
            "eth": pick(rng, ETHNIC_P, k),
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
        self.b18 = add_years(self.dob, 18)
        self.death = np.full(self.n, NA, np.int64)
        self.ncp = np.zeros(self.n, np.int64)
        self.cla = np.zeros(self.n, bool)

    def extend(self, other: Children) -> None:
        """Append the children of another (frozen) registry."""
        for key in ("dob", "sex", "eth", "dis", "pre", "b18", "death", "ncp", "cla"):
            setattr(self, key, np.concatenate([getattr(self, key), getattr(other, key)]))
        self.n += other.n


class Authority:
    """One made-up authority: its random streams, dates, and what is simulated once and read by several families.

    Every draw comes from `rng` (numpy) or `py` (`random.Random` seeded from rng), so the
    order in which the families draw decides the files: `orchestration.demo_data` runs them in a fixed order.
    """

    # set by the case family: the children registry, the referrals as parallel arrays (with each
    # referral's period of care, if any), the short-break children, the team stage of each case,
    # allocations, contacts, keys of the children and referrals written, and which referrals are
    # in the files
    C: Children
    R: dict[str, np.ndarray]
    sb_children: np.ndarray
    sb_v4: np.ndarray
    sb_window: tuple[np.ndarray, np.ndarray]
    stages: dict[str, np.ndarray]
    A: dict[str, np.ndarray]
    contacts: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
    cid: np.ndarray
    rid: np.ndarray
    used_ref: np.ndarray
    # set by the placement family: SSDA903 episodes, missing spells, and the OC3 cohort (drawn when
    # the case family picks the children its files name)
    E: dict[str, np.ndarray]
    M: dict[str, np.ndarray]
    oc3: dict[str, np.ndarray]
    # set by the workforce family: posts, staff rows and worker keys
    posts: list[tuple]
    W: dict[str, np.ndarray]
    worker_ids: np.ndarray

    def __init__(self, code: str, index: int, seed: int, start: date, end: date):
        self.code = code
        self.no = index + 1
        self.rng = np.random.default_rng(seed + index)
        self.seed = seed + index
        self.scale = 1.0 if index == 0 else float(np.exp(self.rng.uniform(math.log(0.3), math.log(2.5))))
        self.py = random.Random(int(self.rng.integers(2**62)))
        self.start, self.end = start, end
        self.D0, self.D1 = dn(start), dn(end)
        self.H = self.D0 - 365  # history kept before the start (re-referral look-back, allocations)
        self.B = self.D0 - 6 * 365  # start of the referral simulation (burn-in)
        self.files: dict[str, int] = {}
        self.written: list[pathlib.Path] = []

    def side_rng(self, stream: int) -> np.random.Generator:
        """A random stream of its own for files added after the main simulation (reviews,
        AD1, approvals, home places): it draws nothing from `rng`, so every earlier file stays
        byte-identical."""
        return np.random.default_rng([self.seed, stream])

    def years(self) -> list[int]:
        """SSDA903 collection years (the year of the 31 March they end) from start to end."""
        first = self.start.year + (1 if self.start.month >= 4 else 0)
        last = self.end.year + (1 if self.end.month >= 4 else 0)
        return list(range(first, last + 1))

    def months(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The calendar months from start to end: (months, first day of each, first day of the next)."""
        months = np.arange(np.datetime64(self.start, "M"), np.datetime64(self.end, "M") + 1)
        m_start = months.astype("datetime64[D]").astype(np.int64)
        m_end = (months + 1).astype("datetime64[D]").astype(np.int64)
        return months, m_start, m_end

    def ids(self, n: int, prefix: str = "", width: int = 7) -> list[str]:
        """Keys of n new rows: authority number then a fixed-width sequence, so keys never collide."""
        if n >= 10**width:
            raise ValueError("too many rows for the key width")
        if prefix:
            return [f"{prefix}{self.no:03d}{i:0{width}d}" for i in range(1, n + 1)]
        base = self.no * 10**width
        return as_str(np.arange(base + 1, base + n + 1))

    def write(self, out: pathlib.Path, headers: dict[str, list[str]], pattern: str, cols: list[list[str]],
              year: int | None = None):
        """Write one CSV: `pattern` names the file (with `*` for the collection year of a 903 file)."""
        header = headers[pattern]
        rel = pattern if year is None else pattern.replace("*", str(year))
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

    def remove_stale(self, out: pathlib.Path) -> None:
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
