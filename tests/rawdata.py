"""Hand-made raw extracts for tests, written through the contract so headers are right."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

from orchestration.contract import load_contract

# Third-party files nobody here wrote are read where they are kept, never copied into the
# repository: the shared/ folder beside the clone, or CSC_SHARED_DIR for a clone elsewhere.
SHARED_DIR = Path(os.environ.get("CSC_SHARED_DIR") or Path(__file__).resolve().parent.parent.parent / "shared")
EXTERNAL_903 = SHARED_DIR / "external" / "ssda903_validator_fake"


def table_path(raw_dir: Path, la: str, table: str, year: int | None = None) -> Path:
    contract = load_contract()
    spec = next(t for t in contract.tables if t.name == table)
    family = contract.family(spec.family)
    folder = raw_dir / la / family.folder
    if family.collection_years:
        if year is None:
            raise ValueError(f"{table} needs a collection year")
        folder = folder / str(year)
    return folder / spec.file


def write_table(raw_dir: Path, la: str, table: str, rows: list[dict], year: int | None = None,
                columns: list[str] | None = None) -> Path:
    """Write rows (dicts; missing columns blank) with the contract's header, or `columns`."""
    contract = load_contract()
    spec = next(t for t in contract.tables if t.name == table)
    path = table_path(raw_dir, la, table, year)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = columns or spec.column_names
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(c, "") for c in header])
    return path


def write_family(raw_dir: Path, la: str, family: str, tables: dict[str, list[dict]] | None = None,
                 year: int | None = None) -> None:
    """Every required file of a family (header only unless rows are given)."""
    tables = tables or {}
    for spec in load_contract().family(family).tables:
        if spec.required or spec.name in tables:
            write_table(raw_dir, la, spec.name, tables.get(spec.name, []), year=year)


def copy_external_903(raw_dir: Path, la: str, year: int = 2018) -> None:
    """The third-party SSDA903 files from ../shared/external (beside the clone)."""
    files = sorted(EXTERNAL_903.glob("*.csv"))
    if not files:
        raise FileNotFoundError(f"the third-party SSDA903 files are not at {EXTERNAL_903} (shared/ beside the clone, or set CSC_SHARED_DIR)")
    dest = raw_dir / la / "placement" / "ssda903" / str(year)
    dest.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copy(f, dest / f.name)


def referral(rid: str, child: str, date: str, nfa: str = "N") -> dict:
    """A row of referrals.csv."""
    return {"referral_id": rid, "child_id": child, "referral_date": date, "referral_nfa": nfa}


def assessment(aid: str, start: str, authorised: str, referral_id: str = "RT", child_id: str = "T") -> dict:
    """A row of assessments.csv (by default of referral RT of child T)."""
    return {"assessment_id": aid, "referral_id": referral_id, "child_id": child_id, "start_date": start,
            "authorisation_date": authorised}
