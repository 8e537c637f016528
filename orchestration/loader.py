"""Load raw extract files into the build database's `raw` schema, as the contract says.

Every value is loaded as text, exactly as it stands in the file: typing is staging's job
(dbt), so a bad value is never lost here, only reported later. Each row carries the
authority, the source file, the file's SHA-256, the load time and its row number.

Rows and files that cannot be loaded become findings naming the file, the column and the
row numbers; no message carries a value from the file.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import hashlib
import io
import itertools
import re
import os
import shutil
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from orchestration.contract import Contract, TableSpec
from orchestration.findings import ERROR, INFO, WARN, Finding
from orchestration.sql import insert_rows, quote_ident, quote_literal

# How every raw file is read: RFC 4180 CSV with a header, told its columns (all text)
CSV_OPTIONS = "auto_detect=false, header=true, delim=',', quote='\"', escape='\"'"

META_COLUMNS = ["la_code", "collection_year", "_source_file", "_file_sha256", "_loaded_at", "_row_number"]


@dataclass
class FileLoad:
    la_code: str
    collection_year: int | None
    table: str
    source_file: str
    sha256: str | None
    bytes: int
    rows: int
    status: str  # loaded | refused


@dataclass
class FamilyLoad:
    family: str
    files: list[FileLoad] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def rows_by_table(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.files:
            out[f.table] = out.get(f.table, 0) + f.rows
        return out

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]


def discover_authorities(raw_dir: Path, contract: Contract) -> tuple[list[str], list[Finding]]:
    """Authority folders under raw_dir. A folder whose name breaks the contract's pattern is
    refused (WARN), as is a link: only real folders inside raw_dir are read."""
    findings: list[Finding] = []
    if not raw_dir.is_dir():
        return [], [Finding("discover", None, "data_raw", "raw directory exists", ERROR, "the raw directory does not exist")]
    codes = []
    for entry in sorted(raw_dir.iterdir()):
        if entry.name.startswith(".") or not entry.is_dir():
            continue
        # a refused folder is named by a short hash, never by its name: a folder named after
        # a person would otherwise reach the published findings and the alerts
        refused = f"refused folder {hashlib.sha256(entry.name.encode('utf-8', 'surrogateescape')).hexdigest()[:8]}"
        if entry.is_symlink():
            findings.append(Finding("discover", None, refused, "authority folder", WARN,
                                    "folder is a link; refused (only real folders are read)"))
            continue
        if not contract.authority_pattern.match(entry.name):
            findings.append(Finding("discover", None, refused, "authority folder", WARN,
                                    "folder name is not a valid authority code (2-16 letters, digits, _ or -, starting with a letter or digit); refused"))
            continue
        codes.append(entry.name)
    if not codes:
        findings.append(Finding("discover", None, "data_raw", "authorities present", ERROR,
                                "no authority folder found under the raw directory"))
    return codes, findings


def loading_table(table: str) -> str:
    """Files load into this table first; it replaces raw.<table> only once the family is done."""
    return f"_loading_{table}"


def _table_ddl(spec: TableSpec, yearly: bool) -> str:
    cols = ["la_code varchar"]
    if yearly:
        cols.append("collection_year integer")
    cols += ["_source_file varchar", "_file_sha256 varchar", "_loaded_at timestamp", "_row_number bigint"]
    cols += [f"{quote_ident(c)} varchar" for c in spec.column_names]
    cols.append("_extra_columns varchar")
    return f"create or replace table raw.{quote_ident(loading_table(spec.name))} ({', '.join(cols)})"


def _decode(data: bytes) -> tuple[str, bool]:
    """The file's text, and whether it was UTF-8. Anything else is read as Windows-1252
    (what spreadsheet exports on Windows write), bytes it leaves undefined as Latin-1."""
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="latin1_fallback"), False


def _latin1_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    return err.object[err.start:err.end].decode("latin-1"), err.end


codecs.register_error("latin1_fallback", _latin1_fallback)


LINE_END = re.compile(r"\r\n|\r|\n")


def _header(text: str) -> list[str] | None:
    """The header row's names, or None when the first line cannot be read as CSV (binary
    data, or a field beyond the csv module's limit)."""
    first_line = LINE_END.split(text.lstrip("\ufeff"), maxsplit=1)[0]
    try:
        first = next(csv.reader(io.StringIO(first_line)), [])
    except csv.Error:
        return None
    if "\x00" in first_line:
        return None
    return [h.strip() for h in first]


def _data_lines(text: str) -> int:
    """Non-blank physical lines after the header: what a file's rows would be with no
    quoted line breaks."""
    return sum(1 for line in LINE_END.split(text)[1:] if line.strip())


def _examine(spec: TableSpec, data: bytes, finding) -> tuple[str, bool, list[str], dict[str, int], list] | None:
    """A file's text, whether it was UTF-8, its header, where the contract's columns are in
    it and the columns it has beyond them; None, with an ERROR finding, when the file
    cannot be loaded (empty, no readable header, a required column missing or named twice)."""
    if not data.strip(b"\xef\xbb\xbf \r\n\t"):
        finding("file not empty", ERROR, "the file is empty (no header row)")
        return None
    text, is_utf8 = _decode(data)
    header = _header(text)
    if header is None:
        finding("header readable", ERROR, "the first line cannot be read as a CSV header (binary data, or not a "
                "CSV file): the file is not loaded")
        return None
    if not is_utf8:
        finding("encoding", WARN, "the file is not UTF-8; read as Windows-1252")
    positions = _header_positions(spec, header, finding)
    if positions is None:
        return None
    known = set(positions.values())
    extras = [(i, h or f"column_{i + 1}") for i, h in enumerate(header) if i not in known]
    return text, is_utf8, header, positions, extras


def _cr_only(data: bytes) -> bool:
    """Old Mac line ends: DuckDB reads LF and CRLF only."""
    return b"\r" in data and b"\n" not in data


def load_file(
    con: duckdb.DuckDBPyConnection,
    spec: TableSpec,
    path: Path,
    source: str,
    la_code: str,
    collection_year: int | None,
    loaded_at: datetime,
    scratch_dir: Path | None = None,
) -> tuple[FileLoad, list[Finding]]:
    """Append one file's rows to raw.<table>. Returns what was loaded and what was wrong."""
    findings: list[Finding] = []
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    refused = FileLoad(la_code, collection_year, spec.name, source, sha, len(data), 0, "refused")

    def finding(check: str, severity: str, message: str, **kw) -> Finding:
        f = Finding("ingest", la_code, source, check, severity, message, table=spec.name, **kw)
        findings.append(f)
        return f

    examined = _examine(spec, data, finding)
    if examined is None:
        return refused, findings
    text, is_utf8, header, positions, extras = examined
    read_path = path
    cr_only = _cr_only(data)
    if not is_utf8 or cr_only:
        # DuckDB reads UTF-8 lines: a converted copy in the scratch folder, removed after the read
        read_path = Path(tempfile.mkdtemp(dir=scratch_dir)) / path.name
        read_path.write_text(text.replace("\r", "\n") if cr_only else text, encoding="utf-8", newline="")
    select = _select_list(spec, positions, extras, _file_lineage(la_code, collection_year, sha))
    try:
        rows, rejected = _read_csv(con, spec, select, len(header), read_path, source, loaded_at, finding)
    finally:
        if read_path != path:
            shutil.rmtree(read_path.parent, ignore_errors=True)
    if rows is None:
        return refused, findings
    if rejected:
        # a rejected row can swallow the lines after it (an unterminated quote reads to the
        # end of the file as one value): count what was lost, not only the rejected row
        swallowed = _data_lines(text) - rows - rejected
        if swallowed > 0:
            finding("rows swallowed", ERROR, f"{swallowed} further lines were read into a rejected row (an "
                    "unterminated quote, say) and are not loaded", rows_affected=swallowed)
    findings += _file_notes(spec, source, la_code, int(rows), extras)
    return FileLoad(la_code, collection_year, spec.name, source, sha, len(data), int(rows), "loaded"), findings


def _header_positions(spec: TableSpec, header: list[str], finding) -> dict[str, int] | None:
    """Where each contract column is in the header (case-insensitive, by its name or an
    alias); None, with ERROR findings, when a column is named twice or a required one is
    missing."""
    lowered = [h.lower() for h in header]
    positions: dict[str, int] = {}
    refused = False
    for spec_col in spec.columns:
        col = spec_col.name
        names = {n.lower() for n in (col, *spec_col.aliases)}
        hits = [i for i, h in enumerate(lowered) if h in names]
        if len(hits) > 1:
            finding("duplicated column", ERROR, f"the header names column {col} (or an alias of it) {len(hits)} times", column_name=col)
            refused = True
        elif hits:
            positions[col] = hits[0]
    for col in [c.name for c in spec.columns if c.required and c.name not in positions]:
        finding("required column present", ERROR, f"required column {col} is missing from the header", column_name=col)
        refused = True
    return None if refused else positions


def _select_list(spec: TableSpec, positions: dict[str, int], extras: list[tuple[int, str]],
                 lineage: list[str], prefix: str = "") -> list[str]:
    """The raw table's columns from a file's columns c0, c1, ... (`prefix`: their relation's
    alias and a dot, where the read is joined): the lineage expressions
    first (la_code, collection_year where the family has it, _source_file, _file_sha256,
    _loaded_at, _row_number), then the contract's columns as written (trimmed, blank as
    null), then any others as JSON."""
    select = list(lineage)
    for col in spec.column_names:
        select.append(f"nullif(trim({prefix}c{positions[col]}), '')" if col in positions else "null::varchar")
    if extras:
        select.append("json_object(" + ", ".join(f"{quote_literal(name)}, {prefix}c{i}" for i, name in extras) + ")")
    else:
        select.append("null::varchar")
    return select


def _file_lineage(la_code: str, collection_year: int | None, sha: str) -> list[str]:
    """Lineage of a file read by itself: its source and load time are the statement's
    parameters, the row number the read's ordinality."""
    return [quote_literal(la_code), *([f"{int(collection_year)}"] if collection_year is not None else []),
            "?", quote_literal(sha), "?::timestamp", "ordinality"]


def _read_csv(con: duckdb.DuckDBPyConnection, spec: TableSpec, select: list[str], n_columns: int, read_path: Path,
              source: str, loaded_at: datetime, finding) -> tuple[int | None, int]:
    """Insert the file's rows, strictly as RFC 4180 CSV, else leniently with a WARN; rows
    DuckDB rejects are ERROR findings with their line numbers. Returns the rows loaded, or
    None (an ERROR finding) when the file cannot be read as CSV at all, and the number of
    rows rejected."""
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(n_columns))

    def read(strict: bool) -> int:
        sql = (
            f"insert into raw.{quote_ident(loading_table(spec.name))} select {', '.join(select)} "
            f"from read_csv(?, {CSV_OPTIONS}, "
            f"columns={{{columns}}}, strict_mode={str(strict).lower()}, store_rejects=true, "
            f"rejects_table='_load_rejects', rejects_scan='_load_reject_scans') with ordinality"
        )
        return con.execute(sql, [source, loaded_at.replace(tzinfo=None), str(read_path)]).fetchone()[0]

    try:
        try:
            rows = read(strict=True)
        except duckdb.InvalidInputException:
            rows = read(strict=False)
            finding("strict CSV", WARN, "the file is not strict RFC 4180 CSV (mixed line ends or stray quotes); "
                    "read leniently")
    except duckdb.Error as exc:
        # DuckDB's message can quote the offending line: keep only its first clause.
        reason = str(exc).split("\n", 1)[0].split(":", 1)[0][:120]
        finding("file readable as CSV", ERROR, f"the file could not be read as CSV ({reason})")
        con.execute("drop table if exists _load_rejects; drop table if exists _load_reject_scans")
        return None, 0
    rejects = con.execute(
        "select error_type::varchar, list(distinct line order by line), count(distinct line)"
        " from _load_rejects group by 1 order by 1"
    ).fetchall()
    con.execute("drop table if exists _load_rejects; drop table if exists _load_reject_scans")
    for error_type, lines, n in rejects:
        finding("row well formed", ERROR,
                f"{n} rows could not be read ({error_type.lower()}); they are not loaded; row numbers are file lines",
                rows_affected=n, row_numbers=[int(x) for x in lines])
    return rows, sum(n for _, _, n in rejects)


def load_workers() -> int:
    """Reads run this many at a time (a table's files together, or a file by itself), each
    on a cursor of its own: a read with row numbers runs on one thread, so the loader
    keeps every core busy with a read of its own."""
    return max(1, min(8, os.cpu_count() or 1))


@dataclass
class _Clean:
    """A file the loader may read together with the other files of its table: UTF-8, LF or
    CRLF line ends, and a header naming every required contract column once."""

    job: tuple  # (spec, path, source, la_code, collection_year)
    sha256: str
    bytes: int
    positions: dict[str, int]
    extras: list[tuple[int, str]]
    n_columns: int
    records: int  # lines after the header: its rows unless a value holds a line break or a line is blank

    @property
    def layout(self) -> tuple:
        """Files of one table with the same layout are read in one statement."""
        return (self.job[0].name, self.n_columns, tuple(sorted(self.positions.items())), tuple(self.extras))


def _inspect(job: tuple) -> _Clean | None:
    """The file as a _Clean, or None when anything about it needs a finding (empty, not
    UTF-8, old Mac line ends, an unreadable or incomplete header): load_file then reads it
    by itself and reports what is wrong. Reads the file once, for its checksum."""
    spec, path, _source, _la, _year = job
    data = path.read_bytes()
    if _cr_only(data):
        return None
    problems: list[str] = []
    examined = _examine(spec, data, lambda check, *_a, **_k: problems.append(check))
    if examined is None or problems:
        return None
    _text, _utf8, header, positions, extras = examined
    # _data_lines' count where no line is blank, in bytes: it splits the text in Python,
    # per line, which a clean file of millions of rows need not pay for
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    return _Clean(job, hashlib.sha256(data).hexdigest(), len(data), positions, extras, len(header), lines - 1)


def _read_together(con: duckdb.DuckDBPyConnection, files: list[_Clean],
                   loaded_at: datetime) -> list[tuple[FileLoad, list[Finding]]] | None:
    """Insert files of one table and layout in one statement, in one transaction: strictly
    as RFC 4180 CSV, rows numbered within each file. Returns each file's load and findings,
    or None (nothing inserted) when any row is rejected or the read fails: the files are
    then read one by one (load_file), which reports each fault with its file and lines."""
    spec, yearly = files[0].job[0], files[0].job[4] is not None
    lineage = ["f.la_code", *(["f.collection_year"] if yearly else []), "f.source_file", "f.sha256",
               "?::timestamp", "r.ordinality - f.rows_before"]
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(files[0].n_columns))
    select = _select_list(spec, files[0].positions, files[0].extras, lineage, prefix="r.")
    table = f"raw.{quote_ident(loading_table(spec.name))}"
    con.execute("begin")
    try:
        con.execute("create or replace temp table _load_files (path varchar, la_code varchar, "
                    "collection_year integer, source_file varchar, sha256 varchar, rows_before bigint)")
        before = list(itertools.accumulate((f.records for f in files[:-1]), initial=0))
        insert_rows(con, "_load_files",
                    [[str(f.job[1]), f.job[3], f.job[4], f.job[2], f.sha256, n] for f, n in zip(files, before)])
        # ordinality numbers the rows of all the files in the order read (one file after
        # another, on one thread), less the lines of the files before it: each file's rows
        # from 1. Where a file's rows are not its lines (a value with a line break, a blank
        # line) they are renumbered from 1 below; an UPDATE of every row of the table cost
        # 1.1 s per 10M rows (4 December 2026)
        con.execute(
            f"insert into {table} select {', '.join(select)} "
            f"from read_csv(?, {CSV_OPTIONS}, columns={{{columns}}}, filename=true, strict_mode=true, "
            f"store_rejects=true, rejects_table='_load_rejects', rejects_scan='_load_reject_scans') "
            f"with ordinality as r inner join _load_files as f on f.path = r.filename",
            [loaded_at.replace(tzinfo=None), [str(f.job[1]) for f in files]])
        if con.execute("select count(*) from _load_rejects").fetchone()[0]:
            con.execute("rollback")
            return None
        rows = con.execute(
            f"select _source_file, count(*), min(_row_number), max(_row_number) from {table} "
            "where _source_file in (select source_file from _load_files) group by 1").fetchall()
        if any(last - first + 1 != n for _source, n, first, last in rows):
            con.execute("rollback")  # a file's rows not read in one run: never guess its row numbers
            return None
        counts = {source: n for source, n, _first, _last in rows}
        if any(first != 1 for _source, _n, first, _last in rows):
            con.execute(f"update {table} set _row_number = {table}._row_number - o.first + 1 "
                        f"from (select _source_file, min(_row_number) as first from {table} "
                        "where _source_file in (select source_file from _load_files) group by 1) as o "
                        f"where {table}._source_file = o._source_file")
        con.execute("commit")
    except duckdb.Error:
        with contextlib.suppress(duckdb.Error):
            con.execute("rollback")
        return None
    finally:
        con.execute("drop table if exists _load_rejects; drop table if exists _load_reject_scans; "
                    "drop table if exists _load_files")
    results = []
    for f in files:
        spec, _path, source, la_code, year = f.job
        findings = _file_notes(spec, source, la_code, counts.get(source, 0), f.extras)
        results.append((FileLoad(la_code, year, spec.name, source, f.sha256, f.bytes, counts.get(source, 0), "loaded"),
                        findings))
    return results


def _file_notes(spec: TableSpec, source: str, la_code: str, rows: int, extras: list) -> list[Finding]:
    """What is noted (INFO) of a file loaded however it was read."""
    notes = []
    if rows == 0:
        notes.append(Finding("ingest", la_code, source, "file has rows", INFO,
                             "the file has a header but no data rows", table=spec.name))
    if extras:
        notes.append(Finding("ingest", la_code, source, "unknown columns kept", INFO,
                             f"{len(extras)} column(s) not in the contract are kept in _extra_columns", table=spec.name))
    return notes


def load_family(
    con: duckdb.DuckDBPyConnection,
    raw_dir: Path,
    contract: Contract,
    family_name: str,
    la_codes: list[str],
    progress=None,
    scratch_dir: Path | None = None,
) -> FamilyLoad:
    """Replace every raw table of one family with the files of every authority (full refresh)."""
    family = contract.family(family_name)
    result = FamilyLoad(family.name)
    loaded_at = datetime.now(timezone.utc)
    con.execute("create schema if not exists raw")
    try:
        for spec in family.tables:
            con.execute(_table_ddl(spec, family.collection_years))
        plan = [(la, _plan_authority(raw_dir, contract, family, la)) for la in la_codes]
        _load_planned(con, plan, result, loaded_at, scratch_dir, progress)
        # Swap the new tables in at once: a crash before this leaves last night's raw tables.
        con.execute("begin")
        for spec in family.tables:
            con.execute(f"drop table if exists raw.{quote_ident(spec.name)}")
            con.execute(f"alter table raw.{quote_ident(loading_table(spec.name))} rename to {quote_ident(spec.name)}")
        _record_loads(con, result, loaded_at)
        con.execute("commit")
    except BaseException:
        with contextlib.suppress(duckdb.Error):  # no transaction may be open
            con.execute("rollback")
        for spec in family.tables:
            con.execute(f"drop table if exists raw.{quote_ident(loading_table(spec.name))}")
        raise
    return result


def _plan_authority(raw_dir: Path, contract: Contract, family, la: str) -> list:
    """What to load of one authority's family folder, in the order its findings are
    reported: findings about folders and missing files, and (spec, path, source, la,
    year) jobs for the files."""
    items: list = []
    base = raw_dir / la / family.folder
    parts = Path(family.folder).parts
    if any((raw_dir / la).joinpath(*parts[:i + 1]).is_symlink() for i in range(len(parts))):
        return [Finding("ingest", la, f"{la}/{family.folder}", "family folder", ERROR,
                        "the family folder is a link; refused (only real folders inside the raw directory are read)")]
    if not base.is_dir():
        return [Finding("ingest", la, f"{la}/{family.folder}", "family supplied", INFO,
                        _absent_family_message(raw_dir, contract, family, la))]
    folders = [(base, None)]
    if family.collection_years:
        folders = []
        for sub in sorted(base.iterdir()):
            if sub.is_dir() and not sub.is_symlink() and contract.year_pattern.match(sub.name):
                folders.append((sub, int(sub.name)))
            elif not sub.name.startswith("."):
                name = hashlib.sha256(sub.name.encode("utf-8", "surrogateescape")).hexdigest()[:8]
                items.append(Finding("ingest", la, f"{la}/{family.folder}/refused {name}",
                                     "collection year folder", WARN, "not a collection year folder (YYYY); ignored"))
    tables, conflicts = _standing_in(raw_dir, contract, family, la, folders)
    items += conflicts
    for folder, year in folders:
        for spec in tables:
            path = folder / spec.file
            source = path.relative_to(raw_dir).as_posix()
            if not path.is_file() or path.is_symlink():
                if spec.required:
                    items.append(Finding("ingest", la, source, "required file present", ERROR,
                                         f"required file {spec.file} is missing", table=spec.name))
                continue
            items.append((spec, path, source, la, year))
    return items


def _absent_family_message(raw_dir: Path, contract: Contract, family, la: str) -> str:
    """What an authority without a family's folder has instead: the SSD tables standing
    for it, or nothing (the measures that need it are absent)."""
    for other in contract.families:
        folder = raw_dir / la / other.folder
        standing = [t for t in other.tables if t.stands_for and contract.native_family(t.stands_for).name == family.name]
        if standing and any(_present(folder, t) for t in standing):
            return f"no {family.name} folder: the {other.name} tables standing for it ({other.folder}/) are used"
    return f"no {family.name} extract: measures that need it are absent for this authority"


def _present(folder: Path, spec: TableSpec) -> bool:
    """Whether the table's file is in the folder (a real file, not a link)."""
    path = folder / spec.file
    return path.is_file() and not path.is_symlink()


def _standing_in(raw_dir: Path, contract: Contract, family, la: str,
                 folders: list[tuple[Path, int | None]]) -> tuple[list[TableSpec], list[Finding]]:
    """The tables of a family to plan for one authority, and the findings about them.

    A family whose tables stand in for another family (the SSD: `stands_for: case` or
    `ssda903`) is read a native family at a time. The SSD tables standing for a native
    family the authority does not send are not expected (no missing-file ERROR for them).
    An authority that sends both the native folder and SSD tables standing for it gets an
    ERROR (which one wins is never a guess) and its SSD tables for that family are not
    loaded: the ERROR holds the authority back, the other authorities publish."""
    groups: dict[str | None, list[TableSpec]] = {}
    for spec in family.tables:
        groups.setdefault(spec.stands_for, []).append(spec)
    tables: list[TableSpec] = list(groups.pop(None, []))
    findings: list[Finding] = []
    for stands_for, specs in groups.items():
        sent = [s for s in specs if any(_present(folder, s) for folder, _ in folders)]
        if not sent:
            continue
        native = contract.native_family(stands_for)
        if (raw_dir / la / native.folder).is_dir():
            findings.append(Finding(
                "ingest", la, f"{la}/{family.folder}", "one format per family", ERROR,
                f"the authority supplies both the {native.name} extract ({native.folder}/) and {len(sent)} "
                f"{family.name} table(s) standing for it ({', '.join(s.name for s in sent)}); which one wins is "
                f"never a guess: neither is used and the authority is held back until one is removed"))
            continue
        tables += specs
    return tables, findings


def _load_planned(con: duckdb.DuckDBPyConnection, plan: list[tuple[str, list]], result: FamilyLoad,
                  loaded_at: datetime, scratch_dir: Path | None, progress) -> None:
    """Load the plan's files. The clean files of a table (_inspect) are read together, one
    statement for each layout of header (_read_together); the others, and the files of a
    statement DuckDB rejected a row of, are read one by one (load_file), which reports what
    is wrong with each. Several reads at a time, each on a cursor of its own (appends to one
    table from several connections do not conflict); results keep the plan's order."""
    local = threading.local()
    cursors: list[duckdb.DuckDBPyConnection] = []

    def cursor() -> duckdb.DuckDBPyConnection:
        if not hasattr(local, "con"):
            local.con = con.cursor()
            cursors.append(local.con)
        return local.con

    def read_together(indices: list[int]) -> tuple[list[int], list | None]:
        loads = _read_together(cursor(), [clean[i] for i in indices], loaded_at)
        if progress:
            table = jobs[indices[0]][0].name
            progress(f"{result.family}: {table}, {len(indices)} files read together" if loads is not None else
                     f"{result.family}: {table}, {len(indices)} files to be read one by one (a row was rejected)")
        return indices, loads

    def read_alone(i: int) -> tuple[FileLoad, list[Finding]]:
        spec, path, source, la, year = jobs[i]
        return load_file(cursor(), spec, path, source, la, year, loaded_at, scratch_dir)

    jobs = [item for _, items in plan for item in items if isinstance(item, tuple)]
    done: dict[int, tuple[FileLoad, list[Finding]]] = {}
    try:
        with ThreadPoolExecutor(max_workers=load_workers(), thread_name_prefix="load") as pool:
            clean = list(pool.map(_inspect, jobs))
            groups: dict[tuple, list[int]] = {}
            for i, file in enumerate(clean):
                if file is not None:
                    groups.setdefault(file.layout, []).append(i)
            largest_first = sorted(groups.values(), key=lambda ix: -sum(clean[i].bytes for i in ix))
            for indices, loads in pool.map(read_together, largest_first):
                if loads is not None:
                    done.update(zip(indices, loads))
            alone = [i for i in range(len(jobs)) if i not in done]
            done.update(zip(alone, pool.map(read_alone, alone)))
    finally:
        for c in cursors:
            c.close()
    loaded = iter(done[i] for i in range(len(jobs)))
    for _la, items in plan:
        for item in items:
            if isinstance(item, Finding):
                result.findings.append(item)
                continue
            file_load, findings = next(loaded)
            result.files.append(file_load)
            result.findings.extend(findings)
    if progress:
        progress(f"{result.family}: {len(jobs)} files of {len(plan)} authorities loaded")


def _record_loads(con: duckdb.DuckDBPyConnection, result: FamilyLoad, loaded_at: datetime) -> None:
    con.execute(
        "create table if not exists raw._loads (family varchar, table_name varchar, la_code varchar,"
        " collection_year integer, source_file varchar, file_sha256 varchar, bytes bigint, rows bigint,"
        " status varchar, loaded_at timestamp)"
    )
    con.execute("delete from raw._loads where family = ?", [result.family])
    insert_rows(con, "raw._loads", [
        [result.family, f.table, f.la_code, f.collection_year, f.source_file, f.sha256, f.bytes, f.rows,
         f.status, loaded_at.replace(tzinfo=None)]
        for f in result.files
    ])
