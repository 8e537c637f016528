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


def run_warehouse(raw_dir: Path, warehouse_dir: Path):
    """Run the nightly job in-process on these folders; returns (Dagster result, summary)."""
    from orchestration.cli import run_pipeline, summarise

    paths = Paths(raw_dir, warehouse_dir)
    result = run_pipeline(paths)
    return result, summarise(result, paths)
