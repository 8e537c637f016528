"""Where things live. Every path the pipeline uses is derived here, once.

Environment variables (all optional):
  CSC_RAW_DIR        landing zone, default <project>/data_raw
  CSC_WAREHOUSE_DIR  build and published files, default <project>/warehouse
  CSC_EVIDENCE_YEARS contract years of child-level evidence published, default 2 (the
                     current and the previous); 0 publishes all (evidence_years())
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
EXPECTATIONS_DIR = PROJECT_ROOT / "expectations"
CONTRACT_FILE = Path(__file__).resolve().parent / "raw_contract.yml"

PUBLISHED_NAME = "warehouse.duckdb"
LAST_GOOD_NAME = "last_good.duckdb"  # the run's own copy of the last publication, in the build folder
QUALITY_PAGE_NAME = "data_quality.html"

# DuckDB's memory: each process that builds or publishes (this one, and dbt's) keeps to
# this and spills into the private build folder beyond it (CSC_DUCKDB_MEMORY_LIMIT; the
# dbt plugin reads the same variable). Row order is never relied on, so it is not kept: keeping it
# costs memory and parallelism.
DEFAULT_DUCKDB_MEMORY_LIMIT = "6GB"

ENV_FILE = PROJECT_ROOT / ".env"


def load_env_file() -> None:
    """Secrets and settings (CSC_HMAC_KEY, SMTP and webhook settings...) from the
    git-ignored .env at the project root, where the environment has none: the environment
    wins. Called by the entry points (the command, the Dagster definitions, the dbt
    plugin), never at import."""
    load_dotenv(ENV_FILE, override=False)


def build_dir_of(warehouse_dir: Path) -> Path:
    """The warehouse folder's private build folder (Paths.build_dir)."""
    return warehouse_dir / "build"


def last_good_db_of(warehouse_dir: Path) -> Path:
    """The run's own copy of the last publication of the warehouse in warehouse_dir
    (Paths.last_good_db): for callers that know the published file, not the raw folder."""
    return build_dir_of(warehouse_dir) / LAST_GOOD_NAME


@dataclass(frozen=True)
class Paths:
    raw_dir: Path
    warehouse_dir: Path

    @property
    def build_dir(self) -> Path:
        """Private to the pipeline: analysts never open files here."""
        return build_dir_of(self.warehouse_dir)

    @property
    def build_db(self) -> Path:
        return self.build_dir / "build.duckdb"

    @property
    def publication_db(self) -> Path:
        """The next publication, private until the publish step renames it into place: dbt
        builds the evidence in it, the publish step adds the rest."""
        return self.build_dir / "publication.duckdb"

    @property
    def published_db(self) -> Path:
        return self.warehouse_dir / PUBLISHED_NAME

    @property
    def last_good_db(self) -> Path:
        """The run's own copy of the last publication (private, in the build folder): what
        the checks compare with (the last good load, the last published denominators) and
        what the next publication carries over (history, held-back authorities' rows). The
        run never opens the published file, which an analyst may hold open, even read-write."""
        return last_good_db_of(self.warehouse_dir)

    @property
    def quality_page(self) -> Path:
        """The offline data-quality page (orchestration/quality_page.py), beside the Data Docs."""
        return self.warehouse_dir / QUALITY_PAGE_NAME

    @property
    def reports_dir(self) -> Path:
        return self.warehouse_dir / "reports"

    @classmethod
    def from_env(cls) -> "Paths":
        raw = os.environ.get("CSC_RAW_DIR") or str(PROJECT_ROOT / "data_raw")
        wh = os.environ.get("CSC_WAREHOUSE_DIR") or str(PROJECT_ROOT / "warehouse")
        return cls(Path(raw).resolve(), Path(wh).resolve())

    @property
    def spill_dir(self) -> Path:
        """Where an in-memory DuckDB connection (publishing) spills what does not fit in
        its memory limit; one on the build file spills beside it (build.duckdb.tmp)."""
        return self.build_dir / "spill"

    def duckdb_config(self, in_memory: bool = False) -> dict[str, str | bool]:
        """Settings for the DuckDB connections of a run (ingest, checks, publish)."""
        config: dict[str, str | bool] = {"memory_limit": duckdb_memory_limit(), "preserve_insertion_order": False}
        if in_memory:
            config["temp_directory"] = str(self.spill_dir)
        return config

    def secure_build_dir(self) -> None:
        """The private build folder, created owner-only (0700) with owner-only files (0600):
        it holds raw identifiers. Run at the start and end of every run, so a folder made
        by an older version, or a file a tool created with the default mode, is fixed."""
        self.build_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.build_dir, 0o700)
        for folder, dirs, files in os.walk(self.build_dir):
            for name in dirs:
                os.chmod(os.path.join(folder, name), 0o700, follow_symlinks=False)
            for name in files:
                path = os.path.join(folder, name)
                if not os.path.islink(path):
                    os.chmod(path, 0o600)

    def check_writable(self) -> str | None:
        """Why a run could not write its files here, naming the folder, or None: checked
        before anything is built, so a read-only or misplaced folder is a clear message
        and not a traceback after a full build."""
        for folder in (self.warehouse_dir, self.build_dir):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                probe = folder / f".write-check-{os.getpid()}"
                probe.write_bytes(b"")
                probe.unlink()
            except OSError as exc:
                return f"cannot write in {folder} ({exc.strerror or type(exc).__name__})"
        if not self.raw_dir.is_dir() or not os.access(self.raw_dir, os.R_OK | os.X_OK):
            return f"cannot read the raw directory {self.raw_dir}"
        return None

    def export(self) -> None:
        """Make these paths the process's own, for dbt (its plugin, orchestration/dbt_plugin.py,
        reads CSC_BUILD_DB, CSC_PUBLICATION_DB and CSC_DUCKDB_MEMORY_LIMIT). The one deliberate environment
        rewrite: dbt runs as a subprocess whose profile can read only environment variables,
        and dagster-dbt (checked against 0.29.27) hands dbt this process's environment and
        takes none of its own."""
        os.environ["CSC_RAW_DIR"] = str(self.raw_dir)
        os.environ["CSC_WAREHOUSE_DIR"] = str(self.warehouse_dir)
        os.environ["CSC_BUILD_DB"] = str(self.build_db)
        os.environ["CSC_PUBLICATION_DB"] = str(self.publication_db)
        os.environ["CSC_DUCKDB_MEMORY_LIMIT"] = duckdb_memory_limit()


DEFAULT_EVIDENCE_YEARS = 2


def evidence_years() -> int:
    """How many contract years of child-level evidence marts.indicator_evidence publishes
    (CSC_EVIDENCE_YEARS): the contract year of an authority's latest reported month and
    the years before it, 0 for every month behind a reported figure. The default, 2, covers
    every rolling window of the current year and a year-on-year comparison; older evidence
    is rebuilt on request (`csc-warehouse evidence`). The figures do not depend on it."""
    text = (os.environ.get("CSC_EVIDENCE_YEARS") or "").strip()
    if not text:
        return DEFAULT_EVIDENCE_YEARS
    if not text.isdigit():
        raise ValueError(f"CSC_EVIDENCE_YEARS must be a whole number of contract years (0 = all), not {text!r}")
    return int(text)


def duckdb_memory_limit() -> str:
    return os.environ.get("CSC_DUCKDB_MEMORY_LIMIT") or DEFAULT_DUCKDB_MEMORY_LIMIT
