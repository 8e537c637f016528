"""The warehouse resource: where a run reads the raw extracts and writes its files."""

from __future__ import annotations

from pathlib import Path

import contextlib

import dagster as dg
from pydantic import PrivateAttr

from orchestration.run_lock import build_lock, holds
from orchestration.settings import Paths


class WarehouseResource(dg.ConfigurableResource):
    """Where the raw extracts are and where the build and published files go. A run holds
    the build lock from start to end: csc-warehouse takes it before the job starts; a run
    the daemon or `dagster job execute` starts takes it here, or fails when another run
    holds it, before any step touches the build or published files."""

    raw_dir: str
    warehouse_dir: str
    _lock: contextlib.ExitStack | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        if holds(self.paths):
            return
        stack = contextlib.ExitStack()
        if not stack.enter_context(build_lock(self.paths)):
            stack.close()
            raise dg.Failure(description=f"another run holds the build lock of {self.paths.build_dir}: "
                                         "not run, nothing touched")
        self._lock = stack

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    @property
    def paths(self) -> Paths:
        return Paths(Path(self.raw_dir).resolve(), Path(self.warehouse_dir).resolve())
