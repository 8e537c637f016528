"""Quality gate: Great Expectations suites (defined as data in expectations/checks.yml)
validated on counts computed in DuckDB, run as blocking Dagster asset checks.

How a suite runs:
1. each check is turned into SQL that returns the offending rows (authority, source
   file, row number) — the work stays inside DuckDB;
2. the offending rows are counted per loaded file into a small pandas frame, one column
   per check;
3. Great Expectations validates that frame (every count must be 0);
4. a failed expectation becomes a finding with its severity, the file, the column and
   the row numbers — never a value from the row.
A failed ERROR expectation fails the Dagster check with severity ERROR, which stops
everything downstream, so nothing is published.
"""


import logging
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import dagster as dg
import duckdb
import jinja2
import pandas as pd
import yaml
from dagster_duckdb import DuckDBResource

from orchestration.contract import Contract, TableSpec, load_contract
from orchestration.findings import ERROR, WARN, Finding, blocking, run_authorities, write_findings
from orchestration.loader import quote_ident
from orchestration.resources import WarehouseResource
from orchestration.settings import EXPECTATIONS_DIR

CHECKS_FILE = EXPECTATIONS_DIR / "checks.yml"
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
    model: str | None = None  # sql checks on a model rather than on files: one row per authority

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


@lru_cache(maxsize=4)
def load_suites(path: Path = CHECKS_FILE) -> dict[str, SuiteSpec]:
    doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
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
                    # a check's SQL may loop over tables with Jinja ({% for t in [...] %})
                    sql=jinja2.Template(c["sql"]).render() if c.get("sql") else None,
                    description=c.get("description", ""),
                    mostly=float(c["mostly"]) if c.get("mostly") is not None else None,
                    min_ratio=float(c["min_ratio"]) if c.get("min_ratio") is not None else None,
                    model=c.get("model"),
                )
            )
        suites[sname] = SuiteSpec(sname, s.get("description", ""), tuple(s["asset"]), tuple(checks))
    return suites


def _key_partition(spec: TableSpec, contract: Contract) -> list[str]:
    cols = ["la_code"]
    if contract.family(spec.family).collection_years:
        cols.append("collection_year")
    return cols + [quote_ident(k) for k in spec.key]


def check_queries(check: CheckSpec, contract: Contract, last_good: str | None = None) -> list[tuple[str, str | None, str]]:
    """(table, column, SQL returning la_code, _source_file, _row_number of offending rows).
    `last_good`: the attached last published warehouse, for volume checks."""
    out = []
    if check.kind == "sql":
        return [(check.table or "", check.column, check.sql or "")]
    if check.kind == "volume":
        if last_good is None:
            return []
        return [("", None, (
            f"select now.la_code, now.source_file as _source_file, null::bigint as _row_number "
            f"from raw._loads now join {last_good}.meta.loads before "
            f"on before.la_code = now.la_code and before.source_file = now.source_file "
            f"where now.family = '{check.family}' and now.status = 'loaded' and before.rows > 0 "
            f"and now.rows < {check.min_ratio} * before.rows"))]
    tables = contract.family(check.family).tables if check.family else []
    for t in tables:
        raw = f"raw.{quote_ident(t.name)}"
        if check.kind == "unique_key":
            part = ", ".join(_key_partition(t, contract))
            not_null = " and ".join(f"{quote_ident(k)} is not null" for k in t.key)
            out.append((t.name, ", ".join(t.key), (
                f"select la_code, _source_file, _row_number from ("
                f"select la_code, _source_file, _row_number, count(*) over (partition by {part}) as n "
                f"from {raw} where {not_null}) where n > 1")))
        elif check.kind == "key_not_null":
            for k in t.key:
                out.append((t.name, k, f"select la_code, _source_file, _row_number from {raw} where {quote_ident(k)} is null"))
        elif check.kind == "values_parse":
            staged = t.staging_model
            for c in t.columns:
                if c.type in check.types:
                    out.append((t.name, c.name, (
                        f"select r.la_code, r._source_file, r._row_number from {raw} r "
                        f"join staging.{quote_ident(staged)} s using (la_code, _source_file, _row_number) "
                        f"where r.{quote_ident(c.name)} is not null and s.{quote_ident(c.staged_as)} is null")))
        else:
            raise ValueError(f"unknown check kind {check.kind!r}")
    return out


def _gx_validate(frame: pd.DataFrame, suite: SuiteSpec, columns: list[str],
                 docs_dir: Path | None = None) -> dict[str, list[int]]:
    """Validate the per-file counts with Great Expectations (and, given docs_dir, build
    the Data Docs there). Returns, per failed column, the frame rows (files) that failed.
    The frame holds authority, file and counts only, so the Data Docs hold no personal data."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    if docs_dir is not None:
        ctx.add_data_docs_site(site_name="warehouse", site_config={
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        })
    batch = ctx.data_sources.add_pandas(f"{suite.name}_counts").add_dataframe_asset("per_file") \
        .add_batch_definition_whole_dataframe("nightly")
    gx_suite = ctx.suites.add(gx.ExpectationSuite(name=suite.name))
    for col in columns:
        gx_suite.add_expectation(gx.expectations.ExpectColumnValuesToBeBetween(column=col, min_value=0, max_value=0))
    validation = ctx.validation_definitions.add(
        gx.ValidationDefinition(name=f"{suite.name}_validation", data=batch, suite=gx_suite))
    actions = [gx.checkpoint.UpdateDataDocsAction(name="data_docs", site_names=["warehouse"])] if docs_dir else []
    checkpoint = ctx.checkpoints.add(gx.Checkpoint(name=f"{suite.name}_checkpoint", validation_definitions=[validation],
                                                   actions=actions, result_format={"result_format": "COMPLETE"}))
    run = checkpoint.run(batch_parameters={"dataframe": frame})
    result = next(iter(run.run_results.values()))
    failed: dict[str, list[int]] = {}
    for r in result.results:
        if not r.success:
            failed[r.expectation_config.kwargs["column"]] = list(r.result.get("unexpected_index_list") or [])
    return failed


def run_suite(con: duckdb.DuckDBPyConnection, suite: SuiteSpec, contract: Contract | None = None,
              docs_dir: Path | None = None, last_good_db: Path | None = None) -> SuiteResult:
    contract = contract or load_contract()
    result = SuiteResult(suite.name)
    last_good = None
    if last_good_db is not None and last_good_db.exists():
        con.execute(f"attach '{last_good_db}' as last_good (read_only)")
        last_good = "last_good"
    try:
        return _run_suite(con, suite, contract, docs_dir, last_good, result)
    finally:
        if last_good:
            con.execute("detach last_good")


def _run_suite(con, suite: SuiteSpec, contract: Contract, docs_dir: Path | None, last_good: str | None,
               result: SuiteResult) -> SuiteResult:
    files = con.execute(
        "select la_code, source_file, table_name, rows from raw._loads where status = 'loaded' order by all"
    ).df()
    result.files_checked = len(files)
    models = sorted({c.model for c in suite.checks if c.model})
    if models:  # checks on a model count per authority, as if the model were a file of each
        authorities = sorted(set(files["la_code"]))
        extra = pd.DataFrame([(la, m, m, 0) for m in models for la in authorities], columns=files.columns)
        files = pd.concat([files, extra], ignore_index=True)
    frame = files.copy()
    columns: list[str] = []
    queries: dict[str, tuple[CheckSpec, str, str | None, str]] = {}
    for check in suite.checks:
        for i, (table, column, sql) in enumerate(check_queries(check, contract, last_good)):
            col = f"{check.slug}__{i}"
            counts = con.execute(
                f"select la_code, _source_file as source_file, count(*) as n from ({sql}) group by all"
            ).df()
            merged = frame[["la_code", "source_file"]].merge(counts, on=["la_code", "source_file"], how="left")
            frame[col] = merged["n"].fillna(0).astype("int64").to_numpy()
            columns.append(col)
            queries[col] = (check, table, column, sql)
    result.expectations = len(columns)
    if frame.empty or not columns:
        return result
    failed = _gx_validate(frame, suite, columns, docs_dir)
    for col, rows in failed.items():
        check, table, column, sql = queries[col]
        for idx in rows:
            la_code, source = frame.at[idx, "la_code"], frame.at[idx, "source_file"]
            numbers = [r[0] for r in con.execute(
                f"select _row_number from ({sql}) where la_code = ? and _source_file = ? order by 1",
                [la_code, source]).fetchall() if r[0] is not None]
            severity, message = check.severity, check.description or f"{check.kind.replace('_', ' ')} failed"
            loaded = int(frame.at[idx, "rows"] or 0)
            if check.mostly is not None and loaded and len(numbers) > (1 - check.mostly) * loaded:
                # a column mostly unusable is not a few bad rows: nothing can be computed from it
                severity = ERROR
                message += f" More than {100 * (1 - check.mostly):.0f}% of the file's rows fail: the column is unusable."
            result.findings.append(Finding(
                stage=f"check.{suite.name}", la_code=la_code, source=source, check_name=check.name,
                severity=severity, column_name=column, rows_affected=len(numbers) or None, row_numbers=numbers,
                message=message,
            ))
    return result


def build_suite_check(suite: SuiteSpec) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=dg.AssetKey(list(suite.asset)),
        name=f"{suite.name}_suite",
        blocking=True,
        description=f"Great Expectations suite '{suite.name}': {suite.description} "
        "ERROR expectations block publication; WARN ones are recorded.",
    )
    def _check(context: dg.AssetCheckExecutionContext, build_db: DuckDBResource,
               warehouse: WarehouseResource) -> dg.AssetCheckResult:
        docs_dir = warehouse.paths.warehouse_dir / "data_docs"
        with build_db.get_connection() as con:
            result = run_suite(con, suite, docs_dir=docs_dir, last_good_db=warehouse.paths.published_db)
            write_findings(con, context.run.run_id, f"check.{suite.name}", result.findings)
            blocks, held_back = blocking(result.errors, run_authorities(con))
        for f in result.findings:
            context.log.warning(f.describe())
        context.log.info(
            f"suite {suite.name}: {result.expectations} expectations over {result.files_checked} files, "
            f"{len(result.errors)} ERROR and {len(result.warnings)} WARN findings"
        )
        return dg.AssetCheckResult(
            passed=not result.findings,
            # one authority's ERROR holds that authority back; only ERRORs everywhere block
            severity=dg.AssetCheckSeverity.ERROR if blocks else dg.AssetCheckSeverity.WARN,
            description=f"held back (previous data kept): {', '.join(sorted(held_back))}"
            if result.errors and not blocks else None,
            metadata={
                "expectations": result.expectations,
                "files_checked": result.files_checked,
                "findings_error": len(result.errors),
                "findings_warn": len(result.warnings),
                "findings": dg.MetadataValue.md("\n".join(f"- {f.describe()}" for f in result.findings) or "none"),
                "data_docs": dg.MetadataValue.path(str(docs_dir / "index.html")),
            },
        )

    return _check


quality_checks = [build_suite_check(s) for s in load_suites().values()]
