"""The Dagster code location loads, and every asset, check, job and schedule resolves."""

import dagster as dg


def test_definitions_resolve():
    from orchestration import defs

    repo = defs.get_repository_def()
    keys = {k.to_user_string() for k in repo.asset_graph.get_all_asset_keys()}
    assert {"raw/referrals", "staging/stg_case__referrals", "marts/indicator_values", "published/warehouse"} <= keys
    job = defs.resolve_job_def("nightly")
    assert job.executor_def is dg.in_process_executor
    schedule = defs.resolve_schedule_def("nightly_schedule")
    assert schedule.cron_schedule == "0 2 * * *"
    assert schedule.execution_timezone == "Europe/London"
    assert schedule.default_status == dg.DefaultScheduleStatus.RUNNING
    check_keys = {k.name for k in repo.asset_graph.asset_check_keys}
    assert {"raw_contract", "case_extract_suite", "ssda903_extract_suite", "indicator_marts_suite"} <= check_keys
    assert {s.name for s in repo.sensor_defs} == {"alert_on_failed_run", "alert_on_warnings"}
    assert all(s.default_status == dg.DefaultSensorStatus.RUNNING for s in repo.sensor_defs)


def test_sources_sit_downstream_of_the_ingest_assets():
    from orchestration import defs

    graph = defs.get_repository_def().asset_graph
    parents = {k.to_user_string() for k in graph.get(dg.AssetKey(["staging", "stg_case__referrals"])).parent_keys}
    # the raw table, and the seed of code lists the staging model checks its codes against
    assert "raw/referrals" in parents
    assert {p.rsplit("/", 1)[-1] for p in parents - {"raw/referrals"}} == {"code_lists"}
    published_parents = {k.to_user_string() for k in graph.get(dg.AssetKey(["published", "warehouse"])).parent_keys}
    assert "marts/indicator_values" in published_parents


def test_the_dbt_resource_overrides_members_dagster_dbt_still_has():
    """WarehouseDbtCliResource replaces two private members of DbtCliResource to save two
    fixed costs a run; if dagster-dbt renames them the override silently stops working."""
    from dagster_dbt import DbtCliResource

    from orchestration.transform import WarehouseDbtCliResource

    for name in ("_cli_version", "_initialize_dbt_core_adapter"):
        assert hasattr(DbtCliResource, name), name
        assert getattr(WarehouseDbtCliResource, name) is not getattr(DbtCliResource, name)
