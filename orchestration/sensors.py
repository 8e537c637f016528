"""Alerts for runs launched by the Dagster daemon (the nightly schedule, the UI): a
failed run (a blocking check that stopped publication fails the run), and a successful
run that recorded WARN findings. `csc-warehouse run` alerts by itself."""

import dagster as dg

from orchestration.alerts import compose, findings_of_run, send
from orchestration.quality_page import refresh_quality_page
from orchestration.settings import Paths


@dg.run_failure_sensor(
    name="alert_on_failed_run",
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Emails / posts to the performance team when a run fails or publication is blocked.",
)
def alert_on_failed_run(context: dg.RunFailureSensorContext):
    paths = Paths.from_env()
    page = refresh_quality_page(paths.build_db, paths.quality_page)
    message = compose(False, True, findings_of_run(paths.build_db, context.dagster_run.run_id),
                      str(paths.published_db), "the run failed; see the Dagster UI", str(page) if page else None)
    if message:
        context.log.info(f"alert: {', '.join(send(message)) or 'no channel configured'}")


@dg.run_status_sensor(
    run_status=dg.DagsterRunStatus.SUCCESS,
    name="alert_on_warnings",
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Alerts when a run published but recorded WARN findings (a WARN does not fail the run).",
)
def alert_on_warnings(context: dg.RunStatusSensorContext):
    paths = Paths.from_env()
    findings = findings_of_run(paths.build_db, context.dagster_run.run_id)
    page = refresh_quality_page(paths.build_db, paths.quality_page)
    message = compose(True, False, findings, str(paths.published_db), quality_page=str(page) if page else None)
    if message:
        context.log.info(f"alert: {', '.join(send(message)) or 'no channel configured'}")
