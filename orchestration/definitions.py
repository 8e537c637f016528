"""The Dagster code location: read this file as the table of contents of the pipeline."""

import dagster as dg

from orchestration.dbt_manifest import prepare_manifest

prepare_manifest()  # the dbt assets below are built from the manifest at import

from orchestration.ingest import ingest_assets  # noqa: E402
from orchestration.publish import published_warehouse, quarterly_report  # noqa: E402
from orchestration.quality import quality_checks  # noqa: E402
from orchestration.resources import build_resources  # noqa: E402
from orchestration.schedules import nightly_job, nightly_schedule  # noqa: E402
from orchestration.sensors import alert_on_failed_run, alert_on_warnings  # noqa: E402
from orchestration.transform import dbt_models, dbt_staging  # noqa: E402

all_assets = [*ingest_assets, dbt_staging, dbt_models, published_warehouse, quarterly_report]

defs = dg.Definitions(
    assets=all_assets,
    asset_checks=quality_checks,
    jobs=[nightly_job],
    schedules=[nightly_schedule],
    sensors=[alert_on_failed_run, alert_on_warnings],
    resources=build_resources(),
    executor=dg.in_process_executor,
)
