"""Publish: the Dagster assets that publish the warehouse and write the quarterly report,
after the quality gate (the publication itself is orchestration/publication.py)."""

import dagster as dg
import duckdb

from orchestration.findings import held_back_authorities, publication_blocked
from orchestration.publication import publish_build
from orchestration.resources import WarehouseResource
from orchestration.transform import dbt_build


@dg.asset(
    key=dg.AssetKey(["published", "warehouse"]),
    group_name="publish",
    kinds={"duckdb"},
    deps=list(dbt_build.keys),
    description="The analyst warehouse: marts, findings and reference data copied from the build file and "
    "atomically renamed to <warehouse-dir>/warehouse.duckdb once every blocking check has passed.",
)
def published_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    paths = warehouse.paths
    with duckdb.connect(str(paths.build_db)) as con:
        blocked = publication_blocked(con, context.run.run_id)
        held_back = held_back_authorities(con, context.run.run_id)
    if blocked:
        raise dg.Failure(description=f"not published: {blocked}; the published warehouse is unchanged")
    tables = publish_build(paths.build_db, paths.published_db, context.run.run_id, held_back,
                           paths.duckdb_config(in_memory=True), paths.publication_db, paths.last_good_db)
    context.log.info(f"published {len(tables)} tables to {paths.published_db}")
    if held_back:
        context.log.warning(f"held back, previous data kept: {', '.join(sorted(held_back))}")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(paths.published_db)),
            "tables": dg.MetadataValue.json(tables),
            "bytes": paths.published_db.stat().st_size,
        }
    )


@dg.asset(
    key=dg.AssetKey(["published", "quarterly_report"]),
    group_name="publish",
    kinds={"html", "xlsx"},
    deps=[published_warehouse],
    description="The quarterly performance report of the latest quarter, one HTML file and one .xlsx workbook "
    "per authority, regenerated into <warehouse-dir>/reports after each publication.",
)
def quarterly_report(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    from orchestration.report import ReportError, build_reports

    paths = warehouse.paths
    try:
        # from the run's own copy of what it just published: an analyst may hold the published file
        written = build_reports(paths.last_good_db, paths.reports_dir)
    except ReportError as exc:  # e.g. no complete quarter yet: the warehouse is still published
        context.log.warning(f"no quarterly report: {exc}")
        return dg.MaterializeResult(metadata={"files": dg.MetadataValue.json([]), "skipped": str(exc)})
    authorities = len({p.stem for p in written})  # an HTML report and a workbook each
    context.log.info(f"quarterly report and workbook written for {authorities} authorities to {paths.reports_dir}")
    return dg.MaterializeResult(metadata={"files": dg.MetadataValue.json([p.name for p in written])})
