import hashlib
import hmac
import os
from pathlib import Path

import pytest

from orchestration.dbt_manifest import prepare_manifest
from orchestration.settings import Paths

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
os.environ.setdefault("DAGSTER_HOME", "")
os.environ["CSC_HMAC_KEY"] = "test-key-not-a-secret-0123456789"


@pytest.fixture(scope="session", autouse=True)
def dbt_manifest():
    """The Dagster definitions are built from the dbt manifest at import."""
    prepare_manifest()


def pseudonym(key: bytes, la_code: str, identifier: str) -> str:
    """What the published warehouse should hold for a source identifier: HMAC-SHA256 of
    "<la_code>\x1f<identifier>", 20 hex characters (worked out here with Python's hmac, as
    a check on the dbt macro that computes it in DuckDB)."""
    return hmac.new(key, f"{la_code}\x1f{identifier}".encode("utf-8"), hashlib.sha256).hexdigest()[:20]


def run_warehouse(raw_dir: Path, warehouse_dir: Path):
    """Run the nightly job in-process on these folders; returns (Dagster result, summary)."""
    from orchestration.cli import run_pipeline, summarise

    paths = Paths(raw_dir, warehouse_dir)
    result = run_pipeline(paths)
    return result, summarise(result, paths)


def published_and_build(raw_dir: Path, warehouse_dir: Path):
    """Run the nightly job on raw_dir and open the published file and the build file
    read-only: (published, build) connections; the run must have published."""
    import duckdb

    _, summary = run_warehouse(raw_dir, warehouse_dir)
    assert summary["published"], summary
    return (duckdb.connect(str(warehouse_dir / "warehouse.duckdb"), read_only=True),
            duckdb.connect(str(warehouse_dir / "build" / "build.duckdb"), read_only=True))


def indicator_value(con, la: str, definition: str, period_start: str, period_type: str = "month"):
    """(numerator, denominator, value) of one definition, authority and period of
    marts.indicator_values; exactly one row must match."""
    rows = con.execute(
        "select numerator, denominator, value from marts.indicator_values where la_code = ? "
        "and definition_id = ? and period_type = ? and period_start = ?", [la, definition, period_type, period_start]
    ).fetchall()
    assert len(rows) == 1, rows
    return rows[0]
