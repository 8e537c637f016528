"""Data-quality findings: one row per problem found in a file or a model.

Findings name the file (or model), the check, the column and the row numbers, and never
a value from the row: the rows are about children, and a finding travels into logs,
alerts and the published warehouse.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from orchestration.sql import insert_rows

ERROR = "ERROR"
WARN = "WARN"
INFO = "INFO"

MAX_ROW_NUMBERS = 50

FINDINGS_DDL = """
create schema if not exists quality;
create table if not exists quality.findings (
    run_id varchar,
    stage varchar,
    la_code varchar,
    source varchar,
    check_name varchar,
    severity varchar,
    column_name varchar,
    rows_affected bigint,
    row_numbers bigint[],
    message varchar,
    found_at timestamp default current_timestamp
);
alter table quality.findings add column if not exists subjects_affected bigint;
create table if not exists quality.runs (run_id varchar, started_at timestamp default current_timestamp);
"""


@dataclass
class Finding:
    stage: str
    la_code: str | None
    source: str
    check_name: str
    severity: str
    message: str
    column_name: str | None = None
    rows_affected: int | None = None
    row_numbers: list[int] = field(default_factory=list)
    table: str | None = None  # the raw table concerned, where there is one (not stored)
    subjects_affected: int | None = None  # distinct people (children) the rows concern, where counted

    def describe(self) -> str:
        """One line for a log or an alert: where, what, how many. No data values."""
        where = self.source + (f" column {self.column_name}" if self.column_name else "")
        rows = ""
        if self.rows_affected:
            shown = ", ".join(str(r) for r in self.row_numbers[:10])
            more = "…" if self.rows_affected > len(self.row_numbers[:10]) else ""
            rows = f" ({self.rows_affected} rows: {shown}{more})" if shown else f" ({self.rows_affected} rows)"
        la = f"[{self.la_code}] " if self.la_code else ""
        return f"{self.severity} {la}{where}: {self.check_name}: {self.message}{rows}"


def write_findings(con: duckdb.DuckDBPyConnection, run_id: str, stage: str, findings: list[Finding]) -> None:
    """Record this run's findings of one stage, and the run in quality.runs (the runs a
    trend counts over: a clean run records no finding)."""
    con.execute(FINDINGS_DDL)
    con.execute("insert into quality.runs (run_id) select ? where not exists "
                "(select 1 from quality.runs where run_id = ?)", [run_id, run_id])
    if not findings:
        return
    insert_rows(con, "quality.findings", [
        [run_id, stage, f.la_code, f.source, f.check_name, f.severity, f.column_name, f.rows_affected,
         f.row_numbers[:MAX_ROW_NUMBERS], f.message, f.subjects_affected]
        for f in findings
    ], columns=["run_id", "stage", "la_code", "source", "check_name", "severity", "column_name", "rows_affected",
                "row_numbers", "message", "subjects_affected"])  # found_at takes its default


def blocking(errors: list[Finding], authorities: set[str]) -> tuple[bool, set[str]]:
    """Whether ERROR findings block the whole publication, and which authorities they
    hold back. One authority's ERROR holds back only that authority (its previous good
    data stays published); an ERROR that names no authority, or ERRORs in every
    authority, block the publication."""
    held_back = {f.la_code for f in errors if f.la_code}
    blocks = bool(errors) and (any(f.la_code is None for f in errors) or not authorities
                               or held_back >= authorities)
    return blocks, held_back


def run_authorities(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The authorities this run loaded any file of."""
    try:
        return {r[0] for r in con.execute("select distinct la_code from raw._loads").fetchall()}
    except duckdb.Error:
        return set()


def held_back_authorities(con: duckdb.DuckDBPyConnection, run_id: str) -> set[str]:
    """Authorities with an ERROR finding in this run: their marts are not refreshed."""
    try:
        return {r[0] for r in con.execute(
            "select distinct la_code from quality.findings where run_id = ? and severity = 'ERROR' "
            "and la_code is not null", [run_id]).fetchall()}
    except duckdb.CatalogException:  # no findings table: nothing was found
        return set()


def publication_blocked(con: duckdb.DuckDBPyConnection, run_id: str) -> str | None:
    """Why this run must not publish at all, or None. The blocking checks already stop
    the steps downstream of them; this is the publish step's own guard, reading the same
    findings, so that no scheduling subtlety can publish a build that failed."""
    try:
        orphan = con.execute("select count(*) from quality.findings where run_id = ? and severity = 'ERROR' "
                             "and la_code is null", [run_id]).fetchone()[0]
    except duckdb.CatalogException:
        return None
    if orphan:
        return f"{orphan} ERROR findings that concern no single authority"
    held_back, authorities = held_back_authorities(con, run_id), run_authorities(con)
    if held_back and held_back >= authorities:
        return "ERROR findings in every authority: " + ", ".join(sorted(held_back))
    return None
