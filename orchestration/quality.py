"""The quality gate in Dagster: the suites (orchestration/quality_suites.py) as one step of
blocking asset checks, writing their findings and holding back what fails."""

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource

from orchestration.findings import blocking, publication_blocked, run_authorities, write_findings
from orchestration.publication import ensure_last_good
from orchestration.quality_page import write_quality_page
from orchestration.quality_suites import SuiteResult, SuiteSpec, build_data_docs, load_suites, run_suites
from orchestration.resources import WarehouseResource


# The layers in the order dbt builds them. A later layer's suites are not run when an
# earlier layer's findings already block publication: the models were built from data
# known to be unusable, and their suites would report its consequences as faults of their own.
LAYER_ORDER = ("staging", "marts")


def build_suite_checks(suites: list[SuiteSpec]) -> dg.AssetChecksDefinition:
    """Every suite (staging, marts) as one Dagster step, a layer at a time: one Great
    Expectations context, the Data Docs and the data-quality page built once. Each suite
    is a blocking check of its own asset."""
    layers: dict[str, list[SuiteSpec]] = {}
    for suite in suites:
        layers.setdefault(suite.asset[0], []).append(suite)
    ordered = sorted(layers.items(), key=lambda item: LAYER_ORDER.index(item[0]) if item[0] in LAYER_ORDER
                     else len(LAYER_ORDER))
    specs = [
        dg.AssetCheckSpec(
            f"{suite.name}_suite",
            asset=dg.AssetKey(list(suite.asset)),
            blocking=True,
            description=f"Great Expectations suite '{suite.name}': {suite.description} "
            "ERROR expectations block publication; WARN ones are recorded.",
        )
        for suite in suites
    ]

    @dg.multi_asset_check(name="quality_suites", specs=specs, can_subset=True)
    def _checks(context: dg.AssetCheckExecutionContext, build_db: DuckDBResource, warehouse: WarehouseResource):
        docs_dir = warehouse.paths.warehouse_dir / "data_docs"
        run_id = context.run.run_id
        ran: list[tuple[SuiteSpec, SuiteResult]] = []
        with build_db.get_connection() as con:
            # the run's own copy of the last publication: an analyst may hold the published file
            last_good = ensure_last_good(warehouse.paths.published_db, warehouse.paths.last_good_db)
            authorities = run_authorities(con)
            for layer, layer_suites in ordered:
                blocked = publication_blocked(con, run_id)
                if blocked:
                    context.log.warning(f"{layer} checks not run: publication is already blocked ({blocked})")
                    break
                results = run_suites(con, layer_suites, docs_dir=docs_dir, last_good_db=last_good, run_id=run_id)
                for result in results:
                    write_findings(con, run_id, f"check.{result.suite}", result.findings)
                ran += zip(layer_suites, results)
            build_data_docs(run_id)  # once, every layer that ran
            try:  # beside the Data Docs, works offline; a page that cannot be written stops nothing
                page = write_quality_page(con, warehouse.paths.quality_page)
            except (duckdb.Error, OSError) as exc:
                page = None
                context.log.warning(f"data-quality page not written: {type(exc).__name__}")
        for suite, result in ran:
            blocks, held_back = blocking(result.errors, authorities)
            for f in result.findings:
                context.log.warning(f.describe())
            context.log.info(
                f"suite {suite.name}: {result.expectations} expectations over {result.files_checked} files, "
                f"{len(result.errors)} ERROR and {len(result.warnings)} WARN findings"
            )
            yield dg.AssetCheckResult(
                asset_key=dg.AssetKey(list(suite.asset)),
                check_name=f"{suite.name}_suite",
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
                    "data_quality_page": dg.MetadataValue.path(str(page or warehouse.paths.quality_page)),
                },
            )

    return _checks


quality_checks = [build_suite_checks(list(load_suites().values()))]
