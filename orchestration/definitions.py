"""The Dagster Definitions, built in one place: for `dagster dev` (orchestration.defs), the
`csc-warehouse run` command and the tests. Read build_definitions as the table of
contents of the pipeline. Importing this module does nothing; building prepares the
dbt manifest (the dbt assets are read from it when their module is imported), creates
the build folder and hands dbt the run's paths."""

from __future__ import annotations

import dagster as dg
from dagster_duckdb import DuckDBResource

from orchestration.resources import WarehouseResource
from orchestration.settings import Paths, load_env_file


def build_resources(paths: Paths) -> dict:
    """The resources of a run against these paths."""
    from orchestration.transform import dbt_resource

    paths.secure_build_dir()
    paths.export()  # dbt's profile reads the build and publication files from the environment
    return {
        "warehouse": WarehouseResource(raw_dir=str(paths.raw_dir), warehouse_dir=str(paths.warehouse_dir)),
        "build_db": DuckDBResource(database=str(paths.build_db), connection_config=paths.duckdb_config()),
        "dbt": dbt_resource(),
    }


def pipeline_assets() -> list:
    """Every asset of the nightly job, in the order the data flows."""
    from orchestration.ingest import ingest_assets
    from orchestration.publish import published_warehouse, quarterly_report
    from orchestration.transform import dbt_build

    return [*ingest_assets, dbt_build, published_warehouse, quarterly_report]


def build_definitions(paths: Paths | None = None, loggers: dict | None = None) -> dg.Definitions:
    """The code location's Definitions. Paths default to CSC_RAW_DIR and CSC_WAREHOUSE_DIR."""
    from orchestration.dbt_manifest import prepare_manifest

    load_env_file()  # secrets and settings of .env, for the steps and the alert sensors
    paths = paths or Paths.from_env()
    paths.export()  # dbt parses for these paths, so that the dbt step parses partially
    prepare_manifest()  # before anything imports the dbt assets, which read it
    resources = build_resources(paths)
    from orchestration.quality import quality_checks
    from orchestration.schedules import nightly_job, nightly_schedule
    from orchestration.sensors import alert_on_failed_run, alert_on_warnings

    return dg.Definitions(
        assets=pipeline_assets(),
        asset_checks=quality_checks,
        jobs=[nightly_job],
        schedules=[nightly_schedule],
        sensors=[alert_on_failed_run, alert_on_warnings],
        resources=resources,
        loggers=loggers or {},
        executor=dg.in_process_executor,
    )
