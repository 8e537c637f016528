"""Youth justice: young people's offences, when each was proven, and the disposals they led to."""

from __future__ import annotations

import pathlib
from datetime import date

import numpy as np

from orchestration.demo_data.core import NA, Y, Authority, add_years, choose_codes, dn, fmt_dates, ln

HEADERS: dict[str, list[str]] = {
    "youth_justice/yjs_disposals.csv": ["disposal_id", "person_id", "birth_date", "disposal_date", "disposal_type",
                                        "order_end_date", "ete_at_end"],
    "youth_justice/yjs_offences.csv": ["offence_id", "person_id", "offence_date", "proven_date"],
}
_DISPOSAL_TYPES = ["caution", "community", "custodial_sentence", "custody_release"]


def write(la: Authority, out: pathlib.Path) -> None:
    """yjs_offences and yjs_disposals: first offences arrive from three years before start, some
    (prolific) young people offend again and again until 18."""
    dob, b18, person, proven, odate, kth = _offending(la)
    n = len(dob)
    pid = np.array(la.ids(n, "YJ", 6), dtype=object)
    _write_disposals(la, out, pid, dob, b18, person, proven, kth)
    om = (odate <= la.D1) & (proven <= la.D1) & (odate >= la.D0 - 3 * 365)
    la.write(out, HEADERS, "youth_justice/yjs_offences.csv", [
        la.ids(int(om.sum())), pid[person[om]].tolist(), fmt_dates(odate[om]), fmt_dates(proven[om])])


def _offending(la: Authority):
    """People (dob, 18th birthday) and their offences (person, proven date, offence date, k-th offence):
    most offences are proven within six months, some after more than 18."""
    rng, D0, D1 = la.rng, la.D0, la.D1
    days = np.arange(D0 - 3 * 365, D1 + 1)
    rate = 155 * la.scale / Y * np.interp(days, [dn(date(2011, 4, 1)), dn(date(2019, 3, 31))], [1.25, 0.8])
    first = np.repeat(days, rng.poisson(rate))
    n = len(first)
    age = rng.choice(np.arange(10, 18), n, p=np.array([2, 4, 8, 12, 16, 19, 20, 19]) / 100)
    dob = first - (age * Y + rng.random(n) * Y).astype(np.int64)
    b18 = add_years(dob, 18)
    prolific = rng.random(n) < 0.22
    off_p, off_v, off_d, off_k = [], [], [], []
    cur = first
    live = np.arange(n)
    k = 0
    while len(live):
        off_p.append(live); off_d.append(cur); off_k.append(np.full(len(live), k))
        lag = np.where(rng.random(len(live)) < 0.88, ln(rng, 40, 0.8, len(live)),
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
    return dob, b18, person[o], proven[o], odate[o], kth[o]


def _write_disposals(la: Authority, out: pathlib.Path, pid, dob, b18, person, proven, kth) -> None:
    """A disposal on the proven date while under 18 (a caution more likely first time); a custodial
    sentence is followed by a release half way through it."""
    rng, D0, D1 = la.rng, la.D0, la.D1
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
    ete = choose_codes(rng, ["suitable_full_time", "suitable_part_time", "none", "unknown", ""],
                       [54, 18, 16, 5, 7], m)
    ete = np.where(ended, ete, "")
    o = np.lexsort((all_t, all_p, all_d))
    la.write(out, HEADERS, "youth_justice/yjs_disposals.csv", [
        la.ids(m), pid[all_p[o]].tolist(), fmt_dates(dob[all_p[o]]), fmt_dates(all_d[o]),
        np.array(_DISPOSAL_TYPES, object)[all_t[o]].tolist(), fmt_dates(all_e[o]), ete[o].tolist()])
