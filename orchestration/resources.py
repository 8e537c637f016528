"""Resources shared by every stage: the paths and the build database."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from orchestration.settings import Paths


class WarehouseResource(dg.ConfigurableResource):
    """Where the raw extracts are and where the build and published files go."""

    raw_dir: str
    warehouse_dir: str

    @property
    def paths(self) -> Paths:
        return Paths(Path(self.raw_dir).resolve(), Path(self.warehouse_dir).resolve())


def build_resources(paths: Paths | None = None) -> dict:
    """The resources of a run. Paths come from CSC_RAW_DIR and CSC_WAREHOUSE_DIR unless given."""
    from orchestration.transform import dbt_resource

    paths = paths or Paths.from_env()
    paths.build_dir.mkdir(parents=True, exist_ok=True)
    paths.export()
    return {
        "warehouse": WarehouseResource(raw_dir=str(paths.raw_dir), warehouse_dir=str(paths.warehouse_dir)),
        "build_db": DuckDBResource(database=str(paths.build_db), connection_config=paths.duckdb_config()),
        "dbt": dbt_resource(),
    }
