"""The quality suites: the check registry (expectations/checks.yml and its queries), the
offending rows counted in DuckDB, and Great Expectations' validation of the counts.
Plain logic: the Dagster asset checks that run the suites are orchestration/quality.py.

How a suite runs:
1. each check is turned into SQL that returns the offending rows (authority, source
   file, row number) — the work stays inside DuckDB;
2. the offending rows are counted per loaded file into a small pandas frame, one column
   per check (the suite's tests of a table's rows one by one in one scan of the table);
3. Great Expectations validates that frame (every count must be 0);
4. a failed expectation becomes a finding with its severity, the file, the column and
   the row numbers — never a value from the row.
A failed ERROR expectation fails the Dagster check with severity ERROR (quality.py),
which stops everything downstream, so nothing is published.
"""


import logging
import re
from dataclasses import dataclass, field
from typing import ClassVar, NamedTuple
from functools import lru_cache
from pathlib import Path

import duckdb
import jinja2
import pandas as pd

from orchestration.contract import Contract, TableSpec, load_contract, read_yaml
from orchestration.findings import ERROR, WARN, Finding
from orchestration.gx_runtime import import_great_expectations
from orchestration.sql import quote_ident, quote_literal
from orchestration.settings import EXPECTATIONS_DIR

CHECKS_FILE = EXPECTATIONS_DIR / "checks.yml"
SQL_DIR = EXPECTATIONS_DIR / "sql"  # the queries of the sql checks, one file each
SEVERITIES = {ERROR, WARN}


@dataclass(frozen=True)
class CheckSpec:
    suite: str
    name: str
    kind: str
    severity: str
    family: str | None = None
    types: tuple[str, ...] = ()
    table: str | None = None
    column: str | None = None
    sql: str | None = None
    description: str = ""
    mostly: float | None = None  # below this share of good rows in a file, the check is ERROR
    min_ratio: float | None = None  # volume: the share of last good load's rows a file must keep
    required_only: bool = False  # volume: only the family's required (core) files
    date_columns: str = "event"  # dates_plausible: the event date columns, or the other ones
    model: str | None = None  # sql checks on a model rather than on files: one row per authority
    subject: str | None = None  # sql checks whose rows concern people: the SQL returns _subject, counted

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "_", self.name.lower()).strip("_")


@dataclass(frozen=True)
class SuiteSpec:
    name: str
    description: str
    asset: tuple[str, ...]
    checks: tuple[CheckSpec, ...]


@dataclass
class SuiteResult:
    suite: str
    findings: list[Finding] = field(default_factory=list)
    files_checked: int = 0
    expectations: int = 0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARN]


def _check_sql(suite: str, check: dict) -> str | None:
    """The query of a sql check, from its file under expectations/sql/ (rendered with
    Jinja: a check may loop over tables with {% for t in [...] %})."""
    if not check.get("sql_file"):
        if check["kind"] == "sql":
            raise ValueError(f"{suite}/{check['name']}: a sql check needs sql_file")
        return None
    path = (SQL_DIR / check["sql_file"]).resolve()
    if SQL_DIR.resolve() not in path.parents or not path.is_file():
        raise ValueError(f"{suite}/{check['name']}: no query file {check['sql_file']} under {SQL_DIR}")
    return jinja2.Template(path.read_text(encoding="utf-8")).render()


@lru_cache(maxsize=4)
def load_suites(path: Path = CHECKS_FILE) -> dict[str, SuiteSpec]:
    doc = read_yaml(path)
    suites = {}
    for sname, s in doc["suites"].items():
        checks = []
        for c in s["checks"]:
            if c["severity"] not in SEVERITIES:
                raise ValueError(f"{sname}/{c['name']}: severity must be ERROR or WARN")
            checks.append(
                CheckSpec(
                    suite=sname,
                    name=c["name"],
                    kind=c["kind"],
                    severity=c["severity"],
                    family=c.get("family"),
                    types=tuple(c.get("types", ())),
                    table=c.get("table"),
                    column=c.get("column"),
                    sql=_check_sql(sname, c),
                    description=c.get("description", ""),
                    mostly=float(c["mostly"]) if c.get("mostly") is not None else None,
                    min_ratio=float(c["min_ratio"]) if c.get("min_ratio") is not None else None,
                    required_only=bool(c.get("required_only", False)),
                    date_columns=str(c.get("date_columns", "event")),
                    model=c.get("model"),
                    subject=c.get("subject"),
                )
            )
        suites[sname] = SuiteSpec(sname, s.get("description", ""), tuple(s["asset"]), tuple(checks))
    return suites


def _key_partition(spec: TableSpec, contract: Contract) -> list[str]:
    cols = ["la_code"]
    if contract.family(spec.family).collection_years:
        cols.append("collection_year")
    return cols + [quote_ident(k) for k in spec.key]


# Dates before this are implausible in any extract (a two-digit year read as 0092 is one).
EARLIEST_PLAUSIBLE_DATE = "1900-01-01"


class Query(NamedTuple):
    """A part of a check: SQL returning la_code, _source_file and _row_number of the rows
    it finds in `table` (`column`, where it is about one). `per_table`: written from the
    contract for one raw table, so it finds nothing where no file filled the table."""
    table: str
    column: str | None
    sql: str
    per_table: bool = False


@dataclass(frozen=True)
class RowTest:
    """A part of a check that tests a raw table's rows one by one: the rows of `raw` (as
    `r`), joined to their staged rows of `staged_from` (as `s`) where the condition reads
    them, for which `condition` holds. _count counts a suite's tests of one table in one
    scan of it."""
    table: str
    column: str | None
    condition: str
    raw: str
    staged_from: str | None = None
    per_table: ClassVar[bool] = True  # written from the contract for one raw table, as Query.per_table

    @property
    def sql(self) -> str:
        """The offending rows: la_code, _source_file, _row_number."""
        return f"select r.la_code, r._source_file, r._row_number from {_rows_of(self.raw, self.staged_from)} " \
               f"where {self.condition}"


def _rows_of(raw: str, staged_from: str | None) -> str:
    """A raw table, with its staged rows where a test reads them: a left join (a test of
    staged values asks only of rows that were staged: `_staged`), so that the suite's tests
    of the table can all be counted in one scan of it."""
    if staged_from is None:
        return f"{raw} r"
    return f"{raw} r left join staging.{quote_ident(staged_from)} s using (la_code, _source_file, _row_number)"


def _staged(condition: str) -> str:
    return f"s._row_number is not null and ({condition})"


def _date_plausibility_tests(t: TableSpec, raw: str, events: bool) -> list[RowTest]:
    """Rows whose event date is blank, or whose date is before 1900 or (unless the contract
    allows a planned date) after the day the file was loaded (the extract's own date): of
    the event date columns (events), or of the other date columns."""
    out = []
    for c in t.columns:
        if c.type != "date" or c.event != events:
            continue
        bad = [f"s.{quote_ident(c.staged_as)} < date '{EARLIEST_PLAUSIBLE_DATE}'"]
        if not c.future:
            bad.append(f"s.{quote_ident(c.staged_as)} > r._loaded_at::date")
        if c.event:
            bad.append(f"r.{quote_ident(c.name)} is null")
        out.append(RowTest(t.name, c.name, " or ".join(bad), raw, t.staging_model))
    return out


def _amount_plausibility_tests(t: TableSpec, raw: str) -> list[RowTest]:
    """Rows whose number lies outside the plausible range the contract gives its column
    (FTE -5, days lost -99,999,999, a population of -100)."""
    out = []
    for c in t.columns:
        if c.range is None:
            continue
        value = f"s.{quote_ident(c.staged_as)}"
        bad = [f"{value} {op} {float(bound)}" for op, bound in (("<", c.range[0]), (">", c.range[1])) if bound is not None]
        out.append(RowTest(t.name, c.name, _staged(" or ".join(bad)), raw, t.staging_model))
    return out


def _unlisted_code_tests(t: TableSpec, raw: str) -> list[RowTest]:
    """Rows whose code is not in the list the contract names for its column (`codes:`; the
    codes are seed code_lists, compared case aside, as macro listed_code compares them when
    it stages such a value as 'unknown'). The finding names the rows, never the value: it
    could be personal data or a spreadsheet formula."""
    out = []
    for c in t.columns:
        if not c.codes:
            continue
        value = f"lower(r.{quote_ident(c.name)})"
        out.append(RowTest(t.name, c.name, (
            f"{value} is not null and {value} not in "
            f"(select lower(code) from reference.code_lists where list = {quote_literal(c.codes)})"), raw))
    return out


def check_parts(check: CheckSpec, contract: Contract, last_good: str | None = None) -> list[Query | RowTest]:
    """A check's parts, each with its table, column and the SQL of the rows it finds.
    `last_good`: the attached last published warehouse, for volume checks."""
    out: list[Query | RowTest] = []
    if check.kind == "sql":
        return [Query(check.table or "", check.column, check.sql or "")]
    if check.kind == "volume":
        if last_good is None:
            return []
        # required_only: the family's core files (those the contract requires)
        core = ""
        if check.required_only:
            names = [t.name for t in contract.family(check.family).tables if t.required]
            core = f"and now.table_name in ({', '.join(quote_literal(n) for n in names)}) "
        return [Query("", None, (
            f"select now.la_code, now.source_file as _source_file, null::bigint as _row_number "
            f"from raw._loads now join {last_good}.meta.loads before "
            f"on before.la_code = now.la_code and before.source_file = now.source_file "
            f"where now.family = {quote_literal(check.family)} and now.status = 'loaded' and before.rows > 0 {core}"
            f"and now.rows < {float(check.min_ratio)} * before.rows"))]
    if check.kind == "denominators_vs_last_publication":
        if last_good is None:
            return []
        # the months both publications report, summed per authority and definition: a
        # collapse in every month at once has no neighbouring month to compare with
        return [Query("", "denominator", (
            f"select now.la_code, 'marts.indicator_values' as _source_file, null::bigint as _row_number "
            f"from marts.indicator_values now "
            f"join {last_good}.marts.indicator_values before using (la_code, definition_id, period_type, period_start) "
            f"join marts.indicator_definitions d on d.definition_id = now.definition_id "
            f"where now.period_type = 'month' and d.denominator_source = 'evidence' "
            f"group by now.la_code, now.definition_id "
            f"having sum(before.denominator) >= 100 "
            f"and sum(now.denominator) < {float(check.min_ratio)} * sum(before.denominator)"))]
    tables = contract.family(check.family).tables if check.family else []
    for t in tables:
        raw = f"raw.{quote_ident(t.name)}"
        if check.kind == "unique_key":
            part = ", ".join(_key_partition(t, contract))
            not_null = " and ".join(f"{quote_ident(k)} is not null" for k in t.key)
            out.append(Query(t.name, ", ".join(t.key), (
                f"select la_code, _source_file, _row_number from ("
                f"select la_code, _source_file, _row_number, count(*) over (partition by {part}) as n "
                f"from {raw} where {not_null}) where n > 1"), per_table=True))
        elif check.kind == "key_not_null":
            out += [RowTest(t.name, k, f"r.{quote_ident(k)} is null", raw) for k in t.key]
        elif check.kind == "dates_plausible":
            out += _date_plausibility_tests(t, raw, events=check.date_columns == "event")
        elif check.kind == "amounts_plausible":
            out += _amount_plausibility_tests(t, raw)
        elif check.kind == "codes_listed":
            out += _unlisted_code_tests(t, raw)
        elif check.kind == "values_parse":
            out += [RowTest(t.name, c.name,
                            _staged(f"r.{quote_ident(c.name)} is not null and s.{quote_ident(c.staged_as)} is null"),
                            raw, t.staging_model)
                    for c in t.columns if c.type in check.types]
        else:
            raise ValueError(f"unknown check kind {check.kind!r}")
    return out


@dataclass
class _Counted:
    """A suite's offending rows counted per file: the frame Great Expectations validates."""
    suite: SuiteSpec
    frame: pd.DataFrame
    queries: dict[str, tuple[CheckSpec, list[Query | RowTest]]]
    result: SuiteResult


_run_contexts: dict[str | None, object] = {}  # the Great Expectations context of the current run
DOCS_SITE = "warehouse"  # the Data Docs site of a run's context (given a docs_dir)


def _gx_context(run_id: str | None, docs_dir: Path | None):
    """One ephemeral Great Expectations context per run, shared by the run's steps, so
    that the Data Docs index built after the last suite lists every suite of the run (a
    context knows only the validations made in it). A new run starts a new one."""
    gx = import_great_expectations()
    # Not exported at GX's top level, and the only way to switch off its progress bars
    # (they write to the run's console); checked against great_expectations 1.24.1.
    from great_expectations.data_context.types.base import ProgressBarsConfig

    if run_id is None or run_id not in _run_contexts:
        _run_contexts.clear()
        logging.getLogger("great_expectations").setLevel(logging.ERROR)
        ctx = gx.get_context(mode="ephemeral")
        ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
        if docs_dir is not None:
            ctx.add_data_docs_site(site_name=DOCS_SITE, site_config={
                "class_name": "SiteBuilder",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            })
        _run_contexts[run_id] = ctx
    return gx, _run_contexts[run_id]


def _gx_validate(counted: list[_Counted], docs_dir: Path | None = None,
                 run_id: str | None = None) -> dict[str, dict[str, list[int]]]:
    """Validate each suite's per-file counts with Great Expectations, in the run's context
    (whose Data Docs site, given docs_dir, is there: build_data_docs writes it). Returns,
    per suite and failed column, the frame rows (files) that failed. The frames hold
    authority, file and counts only, so the Data Docs hold no personal data."""
    gx, ctx = _gx_context(run_id, docs_dir)
    failed: dict[str, dict[str, list[int]]] = {}
    for c in counted:
        batch = ctx.data_sources.add_or_update_pandas(f"{c.suite.name}_counts").add_dataframe_asset("per_file") \
            .add_batch_definition_whole_dataframe("nightly")
        # the suite is saved once with its expectations: added one by one to a saved suite,
        # each was saved again (about 0.3 s of a one-authority run's checks)
        gx_suite = ctx.suites.add_or_update(gx.ExpectationSuite(name=c.suite.name, expectations=[
            gx.expectations.ExpectColumnValuesToBeBetween(column=col, min_value=0, max_value=0) for col in c.queries]))
        validation = ctx.validation_definitions.add_or_update(
            gx.ValidationDefinition(name=f"{c.suite.name}_validation", data=batch, suite=gx_suite))
        result = validation.run(batch_parameters={"dataframe": c.frame}, result_format="COMPLETE")
        failed[c.suite.name] = {r.expectation_config.kwargs["column"]: list(r.result.get("unexpected_index_list") or [])
                                for r in result.results if not r.success}
    return failed


def build_data_docs(run_id: str | None) -> bool:
    """Write the Data Docs of every suite the run has validated, once, after its last
    layer, into the folder its suites were given (run_suites' docs_dir, the context's
    site): each build renders the whole site again, so a build per layer rendered the
    first layer's pages twice (0.1-0.2 s of a one-authority run's checks). False when the
    run validated nothing or was given no docs_dir, leaving the folder as it was."""
    ctx = _run_contexts.get(run_id)
    if ctx is None or DOCS_SITE not in ctx.get_site_names():
        return False
    ctx.build_data_docs(site_names=[DOCS_SITE])
    return True


def run_suites(con: duckdb.DuckDBPyConnection, suites: list[SuiteSpec], contract: Contract | None = None,
               docs_dir: Path | None = None, last_good_db: Path | None = None,
               run_id: str | None = None) -> list[SuiteResult]:
    """Run these suites on the build database: offending rows counted in DuckDB, the counts
    validated by Great Expectations, a finding for each failed file and column."""
    contract = contract or load_contract()
    last_good = None
    if last_good_db is not None and last_good_db.exists():
        con.execute(f"attach {quote_literal(last_good_db)} as last_good (read_only)")
        last_good = "last_good"
    try:
        files = con.execute(
            "select la_code, source_file, table_name, rows from raw._loads where status = 'loaded' order by all"
        ).df()
        counted = [_count(con, suite, contract, last_good, files) for suite in suites]
        failed = _gx_validate([c for c in counted if c.queries and not c.frame.empty], docs_dir, run_id)
        for c in counted:
            _find(con, c, failed.get(c.suite.name, {}))
        return [c.result for c in counted]
    finally:
        if last_good:
            con.execute("detach last_good")


def _count(con, suite: SuiteSpec, contract: Contract, last_good: str | None, files: pd.DataFrame) -> _Counted:
    result = SuiteResult(suite.name, files_checked=len(files))
    models = sorted({c.model for c in suite.checks if c.model})
    if models:  # checks on a model count per authority, as if the model were a file of each
        authorities = sorted(set(files["la_code"]))
        extra = pd.DataFrame([(la, m, m, 0) for m in models for la in authorities], columns=files.columns)
        files = pd.concat([files, extra], ignore_index=True)
    frame = files.copy()
    # One column per check: the offending rows of each file, over all the check's tables
    # and columns (one Great Expectations expectation per check, not per column: GX's cost
    # grows faster than the number of expectations). A failed file is then asked, column by
    # column, which rows failed.
    queries: dict[str, tuple[CheckSpec, list[Query | RowTest]]] = {}
    # A check the contract writes per table finds its rows in that raw table only: a table
    # no file filled (an SSD table where the native extract lands, say) has none to find
    with_rows = set(files.loc[files["rows"] > 0, "table_name"])
    # A suite's tests of a table's rows one by one (RowTests) are counted in one scan of
    # the table, joined to its staged rows if any test reads them, a count per check (each
    # date column of each check was a join of its own: the checks took 73 s at 150
    # authorities, 4 December 2026); the other parts (keys, sql checks) each by itself.
    by_table: dict[str, list[tuple[str, RowTest]]] = {}
    for check in suite.checks:
        parts = check_parts(check, contract, last_good)
        if not parts:
            continue
        col = check.slug if check.slug not in queries else f"{check.slug}_{len(queries)}"
        queries[col] = (check, parts)
        frame[col] = 0
        live = [p for p in parts if not p.per_table or p.table in with_rows]
        for p in live:
            if isinstance(p, RowTest):
                by_table.setdefault(p.raw, []).append((col, p))
        others = [p.sql for p in live if not isinstance(p, RowTest)]
        if others:
            union = " union all ".join(f"select la_code, _source_file from ({sql})" for sql in others)
            _add_counts(frame, con.execute(
                f"select la_code, _source_file as source_file, count(*) as {quote_ident(col)} from ({union}) group by all"
            ).df())
    for raw, tests in by_table.items():
        staged_from = next((t.staged_from for _, t in tests if t.staged_from), None)
        # a row failing two columns of a check counts twice, as in the union of its queries
        counts = ", ".join(
            " + ".join(f"count(*) filter (where {t.condition})" for c, t in tests if c == col) + f" as {quote_ident(col)}"
            for col in dict.fromkeys(c for c, _ in tests))
        _add_counts(frame, con.execute(
            f"select r.la_code, r._source_file as source_file, {counts} from {_rows_of(raw, staged_from)} group by all"
        ).df())
    result.expectations = len(queries)
    return _Counted(suite, frame, queries, result)


def _add_counts(frame: pd.DataFrame, counts: pd.DataFrame) -> None:
    """Add per-file counts (la_code, source_file, a column per check) to the frame's."""
    merged = frame[["la_code", "source_file"]].merge(counts, on=["la_code", "source_file"], how="left")
    for col in counts.columns.drop(["la_code", "source_file"]):
        frame[col] += merged[col].fillna(0).astype("int64").to_numpy()


def _date_format_note(con, table: str, column: str, la_code: str, source: str, failed: int) -> str:
    """When every date of a column in a file is unreadable, the finding says the column is
    written in another format (naming the format's shape, never a value)."""
    spec = next((t for t in load_contract().tables if t.name == table), None)
    col = next((c for c in spec.columns if c.name == column), None) if spec else None
    if col is None or col.type != "date":
        return ""
    raw = f"raw.{quote_ident(table)}"
    # fetchall, not fetchone: fetchone leaves the result open, and the next check's
    # register on this connection fails (an unreadable date and a bad JSON in one suite)
    filled, two_digit_years = con.execute(
        f"select count({quote_ident(column)}), count(*) filter (where regexp_matches({quote_ident(column)}, "
        f"'^[0-9]{{1,2}}[/.-][0-9]{{1,2}}[/.-][0-9]{{2}}$')) from {raw} where la_code = ? and _source_file = ?",
        [la_code, source]).fetchall()[0]
    if failed < filled:
        return ""
    shape = (" with two-digit years (such as DD/MM/YY: the century would be a guess)"
             if two_digit_years == filled else "")
    return (f" Every date in column {column} is unreadable: the column is written in another date format{shape}; "
            "the contract accepts YYYY-MM-DD or DD/MM/YYYY.")


def _find(con, counted: _Counted, failed: dict[str, list[int]]) -> None:
    """A finding per failed file and column: the file, the column, the row numbers. Each
    of a check's queries runs once for all its failed files (once per file grew with the
    number of files times the size of the data)."""
    frame, suite = counted.frame, counted.suite
    for col, rows in failed.items():
        check, parts = counted.queries[col]
        files = [(frame.at[idx, "la_code"], frame.at[idx, "source_file"], int(frame.at[idx, "rows"] or 0))
                 for idx in rows]
        wanted = pd.DataFrame([(la, source) for la, source, _ in files], columns=["la_code", "source_file"])
        con.register("_failed_files", wanted)
        try:
            found: dict[tuple[int, str, str], list] = {}
            subjects: dict[tuple[int, str, str], set] = {}
            # a check with a subject (children) also counts the distinct people its rows
            # concern; the identifiers are counted here and never kept
            subject = "q._subject" if check.subject else "null"
            for i, part in enumerate(parts):
                for la_code, source, number, who in con.execute(
                    f"select q.la_code, q._source_file, q._row_number, {subject} from ({part.sql}) q "
                    f"semi join _failed_files f on f.la_code = q.la_code and f.source_file = q._source_file "
                    f"order by 1, 2, 3"
                ).fetchall():
                    found.setdefault((i, la_code, source), []).append(number)
                    if who is not None:
                        subjects.setdefault((i, la_code, source), set()).add(who)
        finally:
            con.unregister("_failed_files")
        for la_code, source, loaded in files:
            for i, part in enumerate(parts):
                table, column = part.table, part.column
                if (i, la_code, source) not in found:
                    continue  # the check's other tables or columns
                numbers = [n for n in found[(i, la_code, source)] if n is not None]
                severity, message = check.severity, check.description or f"{check.kind.replace('_', ' ')} failed"
                if check.mostly is not None and loaded and len(numbers) > (1 - check.mostly) * loaded:
                    # a column mostly unusable is not a few bad rows: nothing can be computed from it
                    severity = ERROR
                    message += f" More than {100 * (1 - check.mostly):.0f}% of the file's rows fail: the column is unusable."
                if check.kind == "values_parse" and numbers:
                    message += _date_format_note(con, table, column, la_code, source, len(numbers))
                who = len(subjects.get((i, la_code, source), ())) if check.subject else None
                if who is not None:
                    message += f" {check.subject.capitalize()} affected: {who}."
                counted.result.findings.append(Finding(
                    stage=f"check.{suite.name}", la_code=la_code, source=source, check_name=check.name,
                    severity=severity, column_name=column, rows_affected=len(numbers) or None, row_numbers=numbers,
                    message=message, subjects_affected=who,
                ))
