"""The warehouse resource: where a run reads the raw extracts and writes its files."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from orchestration.settings import Paths


class WarehouseResource(dg.ConfigurableResource):
    """Where the raw extracts are and where the build and published files go."""

    raw_dir: str
    warehouse_dir: str

    @property
    def paths(self) -> Paths:
        return Paths(Path(self.raw_dir).resolve(), Path(self.warehouse_dir).resolve())
