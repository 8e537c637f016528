"""The nightly job and its schedule."""

import dagster as dg

nightly_job = dg.define_asset_job(
    name="nightly",
    selection=dg.AssetSelection.all(),
    description="Load every raw extract, build the models, check them and publish the analyst warehouse.",
    # dbt-duckdb holds the build file for its whole run: one step at a time touches it.
    executor_def=dg.in_process_executor,
)

nightly_schedule = dg.ScheduleDefinition(
    job=nightly_job,
    cron_schedule="0 2 * * *",
    execution_timezone="Europe/London",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Every night at 02:00 UK time, after the source systems have dropped their extracts.",
)
