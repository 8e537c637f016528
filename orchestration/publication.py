"""The publication: write, audit, rename, archive and roll back the analyst warehouse.

The build file (warehouse/build/build.duckdb) is private to the pipeline and holds the
raw, staging and intermediate layers. The next publication has a private file of its own
(warehouse/build/publication.duckdb) where dbt builds the child-level evidence, already
pseudonymised; publishing copies in what else analysts need (marts, quality findings,
reference seeds, load metadata, history), audits the file for any source identifier, and
renames it over `warehouse.duckdb` in one atomic step: an analyst with the old file open
keeps reading it, and the next connection sees the new data. The file is written in a
storage format DuckDB 1.x clients can read, readable by owner and group only.

The run never opens the published file: an analyst may hold it open, even read-write
(DuckDB then locks it against every other connection). What the run needs of the last
publication (the last good load for the volume checks, the last published denominators,
the history, a held-back authority's rows) it reads from its own copy,
warehouse/build/last_good.duckdb, taken from the new file just before it is renamed into
place (and from the file put back by a rollback).

Plain logic: no Dagster or dbt import (the Dagster assets are in publish.py), so that
`csc-warehouse rollback` loads neither.
"""


import os
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from orchestration.pseudonymise import hmac_key, source_identifier_leaks
from orchestration.settings import last_good_db_of
from orchestration.sql import quote_ident, quote_literal

PUBLISHED_SCHEMAS = ("marts", "quality", "reference")  # plus meta and history, written here
STORAGE_VERSION = "v1.0.0"
PUBLISHED_MODE = 0o640  # owner and group (the analysts' group) only


class IdentifierLeakError(RuntimeError):
    """The audit found a source identifier in the file about to be published."""


def publish_build(build_db: Path, published_db: Path, run_id: str, held_back: set[str] | frozenset = frozenset(),
                  duckdb_config: dict | None = None, publication_db: Path | None = None,
                  last_good_db: Path | None = None) -> dict:
    """Complete the next publication, audit it and rename it over published_db. Returns
    what was published. Raises before the rename on any error (a missing key, a leak), in
    which case the published file is untouched.

    dbt has built the largest table (marts.indicator_evidence, pseudonymised) in
    `publication_db`, the next publication's own file, so that it is written once; the
    other publishable schemas of build_db (marts, quality findings, reference seeds: small)
    are copied in beside it, with load metadata, the history of reported values and which
    authorities are current. Without a publication file (a build made otherwise) a new
    file is started and everything is copied.

    `held_back` authorities (an ERROR in their data this run) keep the rows the previous
    publication had for them in every marts table; meta.authority_status says which
    authorities are current and which are stale, since when. `duckdb_config`: the run's
    DuckDB settings (memory limit, spill folder). The previous publication is read from
    `last_good_db` (default: build/last_good.duckdb beside published_db), never from
    published_db, and replaced by a copy of the new one."""
    hmac_key()  # no key, no publication: the evidence was pseudonymised with it
    snapshot_path = last_good_db or last_good_path(published_db)
    last_good_db = ensure_last_good(published_db, snapshot_path)
    published_db.parent.mkdir(parents=True, exist_ok=True)
    if publication_db is not None and publication_db.exists():
        tmp = publication_db
    else:
        tmp = published_db.with_name(f".{published_db.name}.{run_id[:8]}.tmp")
        tmp.unlink(missing_ok=True)
    con = duckdb.connect(config=duckdb_config or {})
    try:
        con.execute(f"attach {quote_literal(build_db)} as build (read_only)")
        con.execute(f"attach {quote_literal(tmp)} as pub (storage_version '{STORAGE_VERSION}')")
        for schema in PUBLISHED_SCHEMAS:
            con.execute(f'create schema if not exists pub."{schema}"')
        previous = _attach_previous(con, last_good_db) if held_back and last_good_db else None
        tables = _copy_tables(con, held_back, previous)
        published_at = _write_meta(con, run_id, held_back, previous)
        if previous:
            con.execute(f"detach {previous}")
        tables["history.indicator_values"] = _carry_history(con, last_good_db, run_id, published_at)
        _audit(con)
        con.execute("detach pub")
        con.execute("detach build")
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.chmod(tmp, PUBLISHED_MODE)
    snapshot = _copy_aside(tmp, snapshot_path)
    os.replace(tmp, published_db)
    os.replace(snapshot, snapshot_path)
    archive(published_db, run_id, published_at)
    return tables


def last_good_path(published_db: Path) -> Path:
    """The run's own copy of the last publication: build/last_good.duckdb beside it
    (settings.last_good_db_of, as Paths.last_good_db)."""
    return last_good_db_of(published_db.parent)


def _copy_aside(source: Path, target: Path) -> Path:
    """A private copy of `source` beside `target` (target.next), owner-only and synced,
    for the caller to rename into place. Copying bytes takes no DuckDB lock."""
    import shutil

    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".next")
    tmp.unlink(missing_ok=True)
    shutil.copyfile(source, tmp)
    os.chmod(tmp, 0o600)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    return tmp


def ensure_last_good(published_db: Path, last_good_db: Path | None = None) -> Path | None:
    """The run's copy of the last publication, or None when nothing was published yet.
    A warehouse published by an older version has no copy: it is made once from the
    published file's bytes (a file copy needs no lock, though an analyst holds the file)."""
    last_good_db = last_good_db or last_good_path(published_db)
    if not last_good_db.exists() and published_db.exists():
        os.replace(_copy_aside(published_db, last_good_db), last_good_db)
    return last_good_db if last_good_db.exists() else None


def _copy_tables(con: duckdb.DuckDBPyConnection, held_back, previous: str | None) -> dict[str, int]:
    """Complete the publication file (attached as pub) from the build file (build): what
    dbt built in pub stays, the rest of the published schemas is copied (views
    materialised: the tables they read are not published). A held-back authority's marts
    rows are the previous publication's. Returns the row count of each table."""
    tables: dict[str, int] = {}
    built = con.execute(
        "select schema_name, table_name from duckdb_tables() where database_name = 'pub' order by all").fetchall()
    listing = con.execute(
        "select schema_name, table_name from duckdb_tables() where database_name = 'build' "
        "and schema_name in (select unnest(?)) union all "
        "select schema_name, view_name from duckdb_views() where database_name = 'build' "
        "and not internal and schema_name in (select unnest(?)) order by all",
        [list(PUBLISHED_SCHEMAS), list(PUBLISHED_SCHEMAS)]).fetchall()
    stale = "(" + ", ".join(quote_literal(la) for la in sorted(held_back)) + ")"

    def keep_previous(schema: str, name: str) -> None:
        if previous and _has_column(con, previous, schema, name, "la_code"):
            con.execute(f'insert into pub."{schema}"."{name}" by name select * from {previous}."{schema}"."{name}" '
                        f"where la_code in {stale}")

    for schema, name in built:
        if held_back and schema == "marts" and _has_column(con, "pub", schema, name, "la_code"):
            con.execute(f'delete from pub."{schema}"."{name}" where la_code in {stale}')
            keep_previous(schema, name)
        tables[f"{schema}.{name}"] = con.execute(f'select count(*) from pub."{schema}"."{name}"').fetchone()[0]
    for schema, name in listing:
        if (schema, name) in built:
            continue
        source, target = f'build."{schema}"."{name}"', f'pub."{schema}"."{name}"'
        per_authority = held_back and schema == "marts" and _has_column(con, "build", schema, name, "la_code")
        if per_authority:
            source = f"(select * from {source} where la_code not in {stale})"
        con.execute(f"create table {target} as select * from {source}")
        _copy_comments(con, schema, name)
        if per_authority:
            keep_previous(schema, name)
        tables[f"{schema}.{name}"] = con.execute(f"select count(*) from {target}").fetchone()[0]
    return tables


def _copy_comments(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> None:
    """The table's and its columns' descriptions (dbt's persist_docs), from the build file
    to its copy in the publication: CREATE TABLE AS does not carry comments."""
    row = con.execute("select comment from duckdb_tables() where database_name = 'build' and schema_name = ? "
                      "and table_name = ? union all select comment from duckdb_views() where database_name = 'build' "
                      "and schema_name = ? and view_name = ?", [schema, name, schema, name]).fetchone()
    target = f"pub.{quote_ident(schema)}.{quote_ident(name)}"
    if row and row[0]:
        con.execute(f"comment on table {target} is {quote_literal(row[0])}")
    for column, comment in con.execute(
            "select column_name, comment from duckdb_columns() where database_name = 'build' and schema_name = ? "
            "and table_name = ? and comment is not null and comment <> ''", [schema, name]).fetchall():
        con.execute(f"comment on column {target}.{quote_ident(column)} is {quote_literal(comment)}")


def _write_meta(con: duckdb.DuckDBPyConnection, run_id: str, held_back, previous: str | None) -> datetime:
    """meta.loads, meta.publication and meta.authority_status; returns the publication time."""
    published_at = datetime.now(timezone.utc).replace(tzinfo=None)
    con.execute("create schema if not exists pub.meta")
    con.execute("create table pub.meta.loads as select * from build.raw._loads")
    con.execute("create table pub.meta.publication as select ?::varchar as run_id, ?::timestamp as published_at",
                [run_id, published_at])
    _authority_status(con, previous, held_back, published_at)
    return published_at


def _audit(con: duckdb.DuckDBPyConnection) -> None:
    """No source identifier in any published text column, or nothing is published."""
    if con.execute("select count(*) from duckdb_tables() where database_name = 'build' and schema_name = 'raw' "
                   "and table_name <> '_loads'").fetchone()[0]:
        leaks = source_identifier_leaks(con, "build", "pub")
        if leaks:
            raise IdentifierLeakError(f"source identifiers found in {', '.join(leaks)}: not published")


def archive_dir(published_db: Path) -> Path:
    return published_db.parent / "archive"


def keep_published() -> int:
    return max(1, int(os.environ.get("CSC_KEEP_PUBLISHED", "7")))


def archive(published_db: Path, run_id: str, published_at: datetime) -> Path:
    """Keep the newly published file for rollback: a hard link (a published file is never
    changed in place, only replaced), the last CSC_KEEP_PUBLISHED (7) of them kept."""
    folder = archive_dir(published_db)
    folder.mkdir(exist_ok=True)
    target = folder / f"warehouse-{published_at:%Y%m%dT%H%M%S}-{run_id[:8]}.duckdb"
    try:
        os.link(published_db, target)
    except OSError:  # a file system without hard links
        import shutil

        shutil.copy2(published_db, target)
    for old in archived(published_db)[keep_published():]:
        old.unlink()
    return target


def archived(published_db: Path) -> list[Path]:
    """Archived publications, newest first."""
    return sorted(archive_dir(published_db).glob("warehouse-*.duckdb"), reverse=True)


def _same_file(a: Path, b: Path) -> bool:
    """The same publication: the same inode (a hard link), or, where the archive was
    restored without hard links, the same bytes."""
    if a.stat().st_ino == b.stat().st_ino and a.stat().st_dev == b.stat().st_dev:
        return True
    if a.stat().st_size != b.stat().st_size:
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            chunk = fa.read(1 << 20)
            if chunk != fb.read(1 << 20):
                return False
            if not chunk:
                return True


def current_position(published_db: Path) -> tuple[list[Path], int]:
    """The archived publications (newest first) and the index of the published one (-1
    when it is not among them)."""
    files = archived(published_db)
    if not published_db.exists():
        return files, -1
    return files, next((i for i, f in enumerate(files) if _same_file(f, published_db)), -1)


def rollback(published_db: Path, steps: int = 1) -> Path:
    """Put back the publication `steps` before the current one (atomically, as publishing
    does); a negative `steps` goes forward again (rollback --undo is -1). The archive is
    left as it is, so a rollback can itself be undone. The run's copy of the last
    publication (build/last_good.duckdb) becomes the file put back, so the next run
    compares with, and carries over, what analysts see."""
    if steps == 0:
        raise ValueError("steps must not be 0: the current publication is already in place")
    files, position = current_position(published_db)
    if position < 0 and steps < 0:
        raise FileNotFoundError("the published warehouse is not in the archive: there is nothing to undo")
    target = position + steps
    if target < 0:
        raise FileNotFoundError("no later publication to go forward to: the newest is in place")
    if target >= len(files):
        raise FileNotFoundError(f"no publication {steps} before the current one in {archive_dir(published_db)}")
    chosen = files[target]
    tmp = published_db.with_name(f".{published_db.name}.rollback.tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(chosen, tmp)
    except OSError:  # a file system without hard links
        import shutil

        shutil.copy2(chosen, tmp)
    snapshot = _copy_aside(chosen, last_good_path(published_db))
    os.replace(tmp, published_db)
    os.replace(snapshot, last_good_path(published_db))  # the next run compares with what is published
    return chosen


def keep_failed_build(build_db: Path) -> Path | None:
    """A blocked run's build file, copied aside for diagnosis (the next run rebuilds the
    build file): build/failed.duckdb, the latest only."""
    import shutil

    if not build_db.exists():
        return None
    target = build_db.with_name("failed.duckdb")
    shutil.copy2(build_db, target)
    os.chmod(target, 0o600)
    return target


def _attach_previous(con: duckdb.DuckDBPyConnection, last_good_db: Path) -> str | None:
    if not last_good_db.exists():
        return None
    con.execute(f"attach {quote_literal(last_good_db)} as last_good (read_only)")
    return "last_good"


def _has_column(con: duckdb.DuckDBPyConnection, database: str, schema: str, table: str, column: str) -> bool:
    return bool(con.execute(
        "select count(*) from duckdb_columns() where database_name = ? and schema_name = ? and table_name = ? "
        "and column_name = ?", [database, schema, table, column]).fetchone()[0])


def _authority_status(con: duckdb.DuckDBPyConnection, previous: str | None, held_back, published_at) -> None:
    """meta.authority_status: per authority, current or stale, and when its data was published."""
    con.execute("create table pub.meta.authority_status (la_code varchar, status varchar, data_published_at timestamp)")
    if _has_column(con, "build", "raw", "_loads", "la_code"):
        con.execute("insert into pub.meta.authority_status select distinct la_code, 'current', ? from build.raw._loads "
                    "where la_code not in (select unnest(?::varchar[]))", [published_at, sorted(held_back)])
    for la in sorted(held_back):
        since = None
        if previous:
            if _has_column(con, previous, "meta", "authority_status", "la_code"):
                row = con.execute(f"select data_published_at from {previous}.meta.authority_status where la_code = ?",
                                  [la]).fetchone()
                since = row[0] if row else None
            else:
                since = con.execute(f"select published_at from {previous}.meta.publication").fetchone()[0]
        con.execute("insert into pub.meta.authority_status values (?, ?, ?)",
                    [la, "stale" if since else "held back, no earlier data", since])


HISTORY_KEY = ["la_code", "definition_id", "period_type", "period_start"]
HISTORY_VALUES = ["numerator", "denominator", "value", "contract_code", "target", "tolerance", "status"]


def _carry_history(con: duckdb.DuckDBPyConnection, last_good_db: Path | None, run_id: str, published_at) -> int:
    """history.indicator_values: every value as each publication first reported it. The
    previous publication's history (from the run's copy of it) is carried over and a row is added for each value
    that is new or changed since, so "what did we report for June, as of a date?" is the
    latest row published on or before that date."""
    key, vals = ", ".join(HISTORY_KEY), ", ".join(HISTORY_VALUES)
    con.execute("create schema if not exists pub.history")
    if not con.execute("select count(*) from duckdb_tables() where database_name = 'pub' and schema_name = 'marts' "
                       "and table_name = 'indicator_values'").fetchone()[0]:
        return 0
    con.execute(
        f"create table pub.history.indicator_values as select ?::varchar as run_id, ?::timestamp as published_at, "
        f"{key}, {vals} from pub.marts.indicator_values where false",
        [run_id, published_at],
    )
    if last_good_db is not None and last_good_db.exists():
        con.execute(f"attach {quote_literal(last_good_db)} as previous (read_only)")
        has = con.execute(
            "select count(*) from duckdb_tables() where database_name = 'previous' "
            "and schema_name = 'history' and table_name = 'indicator_values'"
        ).fetchone()[0]
        if has:
            con.execute("insert into pub.history.indicator_values by name select * from previous.history.indicator_values")
        con.execute("detach previous")
    same = " and ".join(f"h.{c} is not distinct from v.{c}" for c in HISTORY_KEY + HISTORY_VALUES)
    con.execute(
        f"insert into pub.history.indicator_values "
        f"select ?, ?, {', '.join('v.' + c for c in HISTORY_KEY + HISTORY_VALUES)} from pub.marts.indicator_values v "
        f"where not exists (select 1 from (select * from pub.history.indicator_values "
        f"  qualify row_number() over (partition by {key} order by published_at desc) = 1) h where {same})",
        [run_id, published_at],
    )
    return con.execute("select count(*) from pub.history.indicator_values").fetchone()[0]
