"""Family support: early help interventions with families, their length, outcome and why they closed."""

from __future__ import annotations

import pathlib
from datetime import date

import numpy as np

from orchestration.demo_data.core import NA, Y, Authority, choose_codes, dn, fmt_dates, weekday

HEADERS: dict[str, list[str]] = {
    "family_support/interventions.csv": ["intervention_id", "family_id", "start_date", "end_date",
                                         "outcome_on_closure", "closure_reason"],
}


def write(la: Authority, out: pathlib.Path) -> None:
    """interventions: started mostly on weekdays from a year before start, about 14% with a family helped before;
    open ones have no end, outcome or reason."""
    rng, s = la.rng, la.scale
    D0, D1 = la.D0, la.D1
    days = np.arange(D0 - 365, D1 + 1)
    rate = 2000 * s / Y * np.where(weekday(days) < 5, 1.38, 0.05)
    st = np.repeat(days, rng.poisson(rate))
    n = len(st)
    med = np.interp(st, [dn(date(2011, 4, 1)), dn(date(2017, 4, 1)), dn(date(2018, 9, 30))], [215, 226, 172])
    length = np.clip(med * np.exp(0.35 * rng.standard_normal(n)), 30, 700).astype(np.int64)
    en = st + length
    repeat = rng.random(n) < 0.14
    fam = np.cumsum(~repeat) - 1
    back = np.minimum(fam, rng.integers(1, 3000, n))
    fam = np.where(repeat, fam - back, fam)
    u = rng.random(n)
    outcome = np.where(u < 0.75, "improved", np.where(u < 0.93, "not_improved", "unknown"))
    reason = np.where(outcome == "improved",
                      choose_codes(rng, ["outcomes_achieved", "stepped_down_universal"], [80, 20], n),
                      choose_codes(rng, ["family_disengaged", "stepped_up_to_social_care", "moved_away",
                                         "other"], [40, 30, 15, 15], n))
    keep = en >= D0
    st, en, fam, outcome, reason = st[keep], en[keep], fam[keep], outcome[keep], reason[keep]
    open_ = en > D1
    o = np.lexsort((fam, st))
    fid = np.array(la.ids(int(fam.max()) + 1 if len(fam) else 0, "F", 6), dtype=object)
    la.write(out, HEADERS, "family_support/interventions.csv", [
        la.ids(len(st)), fid[fam[o]].tolist(), fmt_dates(st[o]), fmt_dates(np.where(open_, NA, en)[o]),
        np.where(open_, "", outcome)[o].tolist(), np.where(open_, "", reason)[o].tolist()])
