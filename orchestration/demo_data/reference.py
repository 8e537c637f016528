"""Reference data: the ONS-like mid-year population of the authority by single year of age (0-25)."""

from __future__ import annotations

import pathlib

import numpy as np

from orchestration.demo_data.core import Authority

HEADERS: dict[str, list[str]] = {
    "reference/population.csv": ["year", "age", "population"],
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
