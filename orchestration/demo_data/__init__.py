"""Demonstration data: a complete, deterministic raw drop for made-up authorities (`generate`, `la_codes`).

`generate(out_dir, n_las=...)` writes `out_dir/<la_code>/...` for every file family of the
raw extract contract (`data_raw/README.md`), as the source systems of a children's services
trust would: case management (CIN census meanings), SSDA903 returns per collection year,
HR, finance, youth justice, family support and ONS-like population. The first authority,
DEMO01, is sized like the Trust in `../shared/seeds`; the others are scaled copies
(a deterministic factor between 0.3 and 2.5). The simulation model and the figures it is
tuned to are described in `docs/demo_data.md`.

One module per file family says how its files are simulated and written (`case`,
`placement`, `workforce`, `finance`, `youth_justice`, `family_support`, `reference`); `core`
holds what they share (dates, random draws, keys, CSV writing and the authority's state).

Only the standard library and numpy are used. Every random draw comes from
`numpy.random.default_rng(seed + authority index)` (and a `random.Random` seeded from it),
so the same arguments give byte-identical files, and an authority's files do not depend
on how many authorities are generated. The families draw in the fixed order of
`_simulate_and_write`: changing that order changes every file after the change.
"""

from __future__ import annotations

import pathlib
import tempfile
from datetime import date, timedelta
from typing import Callable

from orchestration.demo_data import (case, family_support, finance, placement, reference, ssd, ssd_looked_after,
                                     workforce, youth_justice)
from orchestration.demo_data.core import Authority

__all__ = ["FORMATS", "generate", "la_codes"]

FORMATS = ("native", "ssd")  # the case extract as the project's own files, or as the SSD's tables


def la_codes(n_las: int) -> list[str]:
    """Authority codes of a drop of n_las authorities: DEMO01, DEMO02, ... (DEMO001... beyond 99)."""
    if n_las < 1:
        raise ValueError("n_las must be at least 1")
    width = 3 if n_las > 99 else 2
    return [f"DEMO{i:0{width}d}" for i in range(1, n_las + 1)]


def _simulate_and_write(la: Authority, out: pathlib.Path, fmt: str = "native") -> None:
    """Simulate one authority and write its files, the families in a fixed order (it fixes every draw).
    fmt "ssd": the case and SSDA903 files are written to a scratch folder (the same draws) and the
    authority is written as SSD tables: the case side re-shaped (`ssd`), the looked-after side
    from the same simulated episodes (`ssd_looked_after`)."""
    case.simulate(la)
    placement.build_episodes(la)
    case.simulate_stages(la)
    workforce.simulate(la)
    case.allocate(la)
    if fmt == "ssd":
        with tempfile.TemporaryDirectory() as scratch:
            native = pathlib.Path(scratch)
            case.write(la, native)
            case.write_casework(la, native)
            placement.write(la, native)
            ssd.write(la, native, out)
        ssd_looked_after.write_looked_after(la, out)
    else:
        case.write(la, out)
        case.write_casework(la, out)
        placement.write(la, out)
    workforce.write(la, out)
    finance.write(la, out)
    youth_justice.write(la, out)
    family_support.write(la, out)
    reference.write(la, out)
    reference.write_in_house_homes(la, out)
    la.remove_stale(out)


def generate(out_dir: pathlib.Path, n_las: int = 1, seed: int = 0, start: date = date(2011, 4, 1),
             end: date = date(2019, 3, 31), progress: Callable[[str], None] | None = None,
             format: str = "native") -> dict:
    """Write a complete deterministic raw drop to out_dir/<la_code>/... for n_las authorities.
    format "ssd" writes the case extract and the SSDA903 returns as the Standard Safeguarding
    Dataset's tables (out_dir/<la_code>/ssd/, modules `ssd` and `ssd_looked_after`) from the
    same simulated children.

    Returns {"la_codes": [...], "files": <files written>, "rows": {<relative path pattern>: total rows}}; the
    903 files' pattern has `*` for the collection year (e.g. 'placement/ssda903/*/episodes.csv').
    """
    if end <= start + timedelta(days=27):
        raise ValueError("end must be at least four weeks after start")
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    if start < date(1990, 1, 1) or end > date(2080, 1, 1):
        raise ValueError("dates outside the supported range")
    out = pathlib.Path(out_dir)
    codes = la_codes(n_las)
    rows: dict[str, int] = {}
    files = 0
    for i, code in enumerate(codes):
        la = Authority(code, i, seed, start, end)
        _simulate_and_write(la, out, format)
        files += len(la.written)
        for k, v in la.files.items():
            rows[k] = rows.get(k, 0) + v
        if progress:
            progress(f"{code}: {i + 1}/{n_las} authorities written")
    return {"la_codes": codes, "files": files, "rows": dict(sorted(rows.items()))}
