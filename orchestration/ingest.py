"""Ingest: one Dagster step loading every raw extract family of every authority into the
build database's `raw` schema, a family at a time (loader.py holds the rules,
raw_contract.yml the contract). The step produces one asset per raw table, so each dbt
source maps onto its own asset. Each table has a blocking check: an ERROR finding from the load (a missing
required file or column, an unreadable file or row) stops everything downstream."""

from pathlib import Path

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource

from orchestration.contract import Contract, FamilySpec, load_contract
from orchestration.findings import ERROR, WARN, Finding, blocking, write_findings
from orchestration.loader import discover_authorities, load_family
from orchestration.resources import WarehouseResource

RAW_CONTRACT_CHECK = "raw_contract"


def raw_table_key(table: str) -> dg.AssetKey:
    return dg.AssetKey(["raw", table])


def _findings_md(findings: list[Finding]) -> dg.MetadataValue:
    return dg.MetadataValue.md("\n".join(f"- {f.describe()}" for f in findings) or "none")


def build_ingest_asset(families: list[FamilySpec]) -> dg.AssetsDefinition:
    """Every family's tables, loaded in one step: as eight steps, one a family, each paid
    Dagster's cost of a step (about 0.1 s, seen at one authority only: at ten and more it
    is lost beside the load), and each reported the authorities' folder findings again."""
    specs = [
        dg.AssetSpec(
            raw_table_key(t.name),
            group_name="ingest",
            kinds={"duckdb", "csv"},
            description=f"{family.folder}/{'<YYYY>/' if family.collection_years else ''}{t.file} of every "
            f"authority ({family.description.rstrip('.')}), as text, with la_code, source file, checksum, load "
            f"time and row number. Key: {', '.join(t.key)}.",
        )
        for family in families
        for t in family.tables
    ]
    check_specs = [
        dg.AssetCheckSpec(
            RAW_CONTRACT_CHECK,
            asset=raw_table_key(t.name),
            blocking=True,
            description="Required file and columns present; every row readable.",
        )
        for family in families
        for t in family.tables
    ]

    @dg.multi_asset(name="ingest", specs=specs, check_specs=check_specs,
                    description="Every raw extract family of every authority, a family at a time.")
    def _ingest(context: dg.AssetExecutionContext, warehouse: WarehouseResource, build_db: DuckDBResource):
        contract = load_contract()
        raw_dir = warehouse.paths.raw_dir
        la_codes, discovered = discover_authorities(raw_dir, contract)
        # one connection for the step: opening and closing the build file for each family
        # cost about 30 ms a time; side by side the step took 1.8 s against 1.9-2.0 s at one
        # authority, 7.8 s against 8.0-8.2 s at ten (benchmarks/RESULTS.md, 5 December 2026)
        with build_db.get_connection() as con:
            write_findings(con, context.run.run_id, "ingest", discovered)
            _log_findings(context, discovered)
            for family in families:
                yield from _load_one_family(context, con, raw_dir, contract, family, la_codes, discovered,
                                            warehouse.paths.build_dir)

    return _ingest


def _load_one_family(context: dg.AssetExecutionContext, con: duckdb.DuckDBPyConnection, raw_dir: Path,
                     contract: Contract, family: FamilySpec, la_codes: list[str], discovered: list[Finding],
                     scratch_dir: Path):
    """One family's tables into raw, its findings written, and its assets' results."""
    result = load_family(con, raw_dir, contract, family.name, la_codes, progress=context.log.debug,
                         scratch_dir=scratch_dir)
    write_findings(con, context.run.run_id, f"ingest.{family.name}", result.findings)
    _log_findings(context, result.findings)
    rows = result.rows_by_table
    context.log.info(
        f"{family.name}: {sum(rows.values()):,} rows from {len(result.files)} files of {len(la_codes)} authorities"
    )
    findings = discovered + result.findings
    for t in family.tables:
        mine = [f for f in findings if f.table in (t.name, None)]
        errors = [f for f in mine if f.severity == ERROR]
        warnings = [f for f in mine if f.severity == WARN]
        blocks, held_back = blocking(errors, set(la_codes))
        yield dg.MaterializeResult(
            asset_key=raw_table_key(t.name),
            metadata={
                "rows": rows.get(t.name, 0),
                "files": sum(1 for f in result.files if f.table == t.name),
                "authorities": len(la_codes),
            },
        )
        yield dg.AssetCheckResult(
            asset_key=raw_table_key(t.name),
            check_name=RAW_CONTRACT_CHECK,
            passed=not errors,
            severity=dg.AssetCheckSeverity.ERROR if blocks else dg.AssetCheckSeverity.WARN,
            description=f"{len(errors)} ERROR and {len(warnings)} WARN findings"
            + (f"; held back (previous data kept): {', '.join(sorted(held_back))}" if errors and not blocks
               else ""),
            metadata={"findings": _findings_md(errors + warnings)},
        )


def _log_findings(context: dg.AssetExecutionContext, findings: list[Finding]) -> None:
    for f in findings:
        if f.severity in (ERROR, WARN):
            context.log.warning(f.describe())


ingest_assets = [build_ingest_asset(load_contract().families)]
