"""The dbt manifest the Dagster definitions are built from: written by `dbt parse` when
missing or older than the dbt project's files.

It does not depend on the warehouse or raw paths: dbt re-parses the whole project in every
command whose profile differs from the one the last parse saw, so the profile holds no
path or setting of a run (the dbt plugin, orchestration/dbt_plugin.py, sets them as dbt
connects), and a run against a new warehouse folder starts from the project's parse."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from orchestration.settings import DBT_PROJECT_DIR

MANIFEST = DBT_PROJECT_DIR / "target" / "manifest.json"


def dbt_executable() -> str:
    exe = Path(sys.executable).with_name("dbt")
    return str(exe) if exe.exists() else "dbt"


def manifest_is_stale() -> bool:
    if not MANIFEST.exists():
        return True
    built = MANIFEST.stat().st_mtime
    for folder in ("models", "macros", "seeds", "tests"):
        for path in (DBT_PROJECT_DIR / folder).rglob("*"):
            if path.is_file() and path.stat().st_mtime > built:
                return True
    return (DBT_PROJECT_DIR / "dbt_project.yml").stat().st_mtime > built


def prepare_manifest(force: bool = False) -> None:
    """Run `dbt parse` when the manifest is missing or older than the project's files:
    the Dagster definitions are built from it at import time."""
    if not force and not manifest_is_stale():
        return
    proc = subprocess.run(
        # no log file: a parse has nothing to log that its output does not say, and a run
        # writes nothing outside the warehouse folder but this manifest (the project's own)
        [dbt_executable(), "--log-level-file", "none", "--log-path", str(MANIFEST.parent), "parse",
         "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR), "--quiet"],
        cwd=DBT_PROJECT_DIR,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"dbt parse failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
