"""Publish: write-audit-publish of the analyst warehouse.

The build file (warehouse/build/build.duckdb) is private to the pipeline and holds the
raw and staging layers. Publishing copies what analysts need (marts, quality findings,
reference seeds, load metadata) into a new file beside the published one, then renames it
over `warehouse.duckdb` in one atomic step: an analyst with the old file open keeps
reading it, and the next connection sees the new data. The new file is written in a
storage format DuckDB 1.x clients can read.
"""


import os
from datetime import datetime, timezone
from pathlib import Path

import dagster as dg
import duckdb

from orchestration.resources import WarehouseResource
from orchestration.transform import dbt_models

PUBLISHED_SCHEMAS = ("marts", "quality", "reference")
STORAGE_VERSION = "v1.0.0"


def publish_build(build_db: Path, published_db: Path, run_id: str) -> dict:
    """Copy the publishable schemas of build_db into a new file and rename it over
    published_db. Returns what was published. Raises before the rename on any error, in
    which case the published file is untouched."""
    published_db.parent.mkdir(parents=True, exist_ok=True)
    tmp = published_db.with_name(f".{published_db.name}.{run_id[:8]}.tmp")
    tmp.unlink(missing_ok=True)
    tables: dict[str, int] = {}
    con = duckdb.connect()
    try:
        con.execute(f"attach '{build_db}' as build (read_only)")
        con.execute(f"attach '{tmp}' as pub (storage_version '{STORAGE_VERSION}')")
        listing = con.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = 'build' "
            "and schema_name in (select unnest(?)) order by all",
            [list(PUBLISHED_SCHEMAS)],
        ).fetchall()
        views = con.execute(
            "select schema_name, view_name from duckdb_views() where database_name = 'build' "
            "and not internal and schema_name in (select unnest(?)) order by all",
            [list(PUBLISHED_SCHEMAS)],
        ).fetchall()
        for schema in PUBLISHED_SCHEMAS:
            con.execute(f'create schema if not exists pub."{schema}"')
        # Views are materialised: the tables they read are not published.
        for schema, name in listing + views:
            con.execute(f'create table pub."{schema}"."{name}" as select * from build."{schema}"."{name}"')
            tables[f"{schema}.{name}"] = con.execute(f'select count(*) from pub."{schema}"."{name}"').fetchone()[0]
        con.execute("create schema if not exists pub.meta")
        con.execute("create table pub.meta.loads as select * from build.raw._loads")
        con.execute(
            "create table pub.meta.publication as select ?::varchar as run_id, ?::timestamp as published_at",
            [run_id, datetime.now(timezone.utc).replace(tzinfo=None)],
        )
        con.execute("detach pub")
        con.execute("detach build")
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, published_db)
    return tables


@dg.asset(
    key=dg.AssetKey(["published", "warehouse"]),
    group_name="publish",
    kinds={"duckdb"},
    deps=list(dbt_models.keys),
    description="The analyst warehouse: marts, findings and reference data copied from the build file and "
    "atomically renamed to <warehouse-dir>/warehouse.duckdb once every blocking check has passed.",
)
def published_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    paths = warehouse.paths
    tables = publish_build(paths.build_db, paths.published_db, context.run.run_id)
    context.log.info(f"published {len(tables)} tables to {paths.published_db}")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(paths.published_db)),
            "tables": dg.MetadataValue.json(tables),
            "bytes": paths.published_db.stat().st_size,
        }
    )
