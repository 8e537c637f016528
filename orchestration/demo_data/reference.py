"""Reference data: the ONS-like mid-year population of the authority by single year of age (0-25),
and the places of its own children's homes (optional file in_house_homes.csv)."""

from __future__ import annotations

import pathlib
from datetime import date

import numpy as np

from orchestration.demo_data.core import Authority, dn, fmt_dates

HEADERS: dict[str, list[str]] = {
    "reference/population.csv": ["year", "age", "population"],
    "reference/in_house_homes.csv": ["home_id", "valid_from", "valid_to", "places"],
}
# population by age 0-25 (the 0-17s are scaled to 65,200 for DEMO01)
_BASE = [3830, 3850, 3840, 3800, 3780, 3760, 3720, 3700, 3680, 3650, 3600, 3560, 3500, 3460, 3440,
         3430, 3480, 3520, 3560, 3620, 3700, 3760, 3800, 3850, 3880, 3900]


def write(la: Authority, out: pathlib.Path) -> None:
    """population: every year from the one before start to the one of end, growing 0.4% a year from 2015."""
    base = np.array(_BASE, float)
    base[:18] *= 65200 / base[:18].sum()
    rows = []
    for y in range(la.start.year - 1, la.end.year + 1):
        trend = 1 + 0.004 * (y - 2015)
        v = np.round(base * la.scale * trend * (1 + la.rng.normal(0, 0.008, len(base)))).astype(np.int64)
        rows.extend((y, a, int(v[a])) for a in range(len(base)))
    la.write(out, HEADERS, "reference/population.csv", [
        [str(x[0]) for x in rows], [str(x[1]) for x in rows], [str(x[2]) for x in rows]])


def write_in_house_homes(la: Authority, out: pathlib.Path) -> None:
    """Places of each of the authority's own children's homes (the URNs of its K1/K2 PR1
    episodes, short breaks aside), one row per home and contract year: the most children it
    held at a month end of that year, so occupancy stays at or under 100% and near the paper's
    90% (seed 003:89); the last row still in force. No random draws."""
    E = la.E
    own = (np.isin(E["place"], ["K1", "K2"]) & (E["prov"] == "PR1") & (E["period"] >= 0)
           & ~np.isin(E["ls"], ["V3", "V4"]))
    _, _, m_end = la.months()
    month_ends = m_end - 1
    years = la.years()
    cols: list[list[str]] = [[], [], [], []]
    for urn in sorted(set(E["urn"][own].tolist())):
        rows = np.flatnonzero(own & (E["urn"] == urn))
        held = ((E["decom"][rows][:, None] <= month_ends) & (E["dec"][rows][:, None] > month_ends)).sum(axis=0)
        for k, year in enumerate(years):
            first, last = dn(date(year - 1, 4, 1)), dn(date(year, 3, 31))
            in_year = (month_ends >= first) & (month_ends <= last)
            cols[0].append(urn or "HOME")
            cols[1].append(fmt_dates(np.array([first if k else dn(la.start) - 1], np.int64))[0])
            cols[2].append("" if k == len(years) - 1 else fmt_dates(np.array([last], np.int64))[0])
            cols[3].append(str(max(1, int(held[in_year].max()) if in_year.any() else 1)))
    la.write(out, HEADERS, "reference/in_house_homes.csv", cols)
