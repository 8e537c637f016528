"""The dbt manifest the Dagster definitions are built from: written by `dbt parse` when
missing, older than the dbt project's files, or parsed for other paths (prepare_if_dev()
only runs under dagster dev).

dbt re-parses the whole project in every command whose profile differs from the one
the last parse saw (its paths and settings are part of the profile), about 3 s a dbt step:
parsing again once when they change lets both dbt steps of a run parse partially."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from orchestration.settings import DBT_PROJECT_DIR

MANIFEST = DBT_PROJECT_DIR / "target" / "manifest.json"
PARSED_FOR = DBT_PROJECT_DIR / "target" / "parsed_for.json"  # the profile's variables at the last parse
PROFILE_VARIABLES = ("CSC_BUILD_DB", "CSC_PUBLICATION_DB", "CSC_DUCKDB_MEMORY_LIMIT")


def _profile_variables() -> dict[str, str | None]:
    return {name: os.environ.get(name) for name in PROFILE_VARIABLES}


def dbt_executable() -> str:
    exe = Path(sys.executable).with_name("dbt")
    return str(exe) if exe.exists() else "dbt"


def manifest_is_stale() -> bool:
    if not MANIFEST.exists() or not PARSED_FOR.exists():
        return True
    try:
        if json.loads(PARSED_FOR.read_text()) != _profile_variables():
            return True
    except ValueError:
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
    PARSED_FOR.write_text(json.dumps(_profile_variables()))
