"""The Dagster code location: read this file as the table of contents of the pipeline."""

import dagster as dg

from orchestration.ingest import ingest_assets
from orchestration.publish import published_warehouse, quarterly_report
from orchestration.quality import quality_checks
from orchestration.resources import build_resources
from orchestration.schedules import nightly_job, nightly_schedule
from orchestration.sensors import alert_on_failed_run, alert_on_warnings
from orchestration.transform import dbt_models, dbt_staging

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
