"""End to end: generated demonstration extracts through every asset with dagster.materialize."""

import duckdb
import dagster as dg

from orchestration.demo_data import generate
from orchestration.definitions import build_resources, pipeline_assets
from orchestration.settings import Paths


def test_materialize_everything_on_generated_data(tmp_path):
    from orchestration.quality import quality_checks
    from datetime import date

    from orchestration.settings import DBT_PROJECT_DIR

    raw, wh = tmp_path / "raw", tmp_path / "wh"
    generate(raw, n_las=2, seed=7, start=date(2013, 4, 1), end=date(2015, 3, 31))
    project_targets = set((DBT_PROJECT_DIR / "target").iterdir())
    result = dg.materialize([*pipeline_assets(), *quality_checks], resources=build_resources(Paths(raw, wh)))
    assert result.success
    # dbt's artefacts are the warehouse's, one folder a step, replaced night after night:
    # nothing new piles up in the project's target folder
    assert (wh / "build" / "dbt" / "build" / "run_results.json").exists()
    assert set((DBT_PROJECT_DIR / "target").iterdir()) - project_targets == set()
    checks = [e.event_specific_data for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    assert checks and all(c.passed for c in checks if c.check_name == "case_extract_suite")
    # the Data Docs index lists every suite of the run, not only the last step's
    from orchestration.quality_suites import load_suites

    index = (wh / "data_docs" / "index.html").read_text()
    assert [name for name in load_suites() if name not in index] == []

    con = duckdb.connect(str(wh / "warehouse.duckdb"), read_only=True)
    rows = con.execute(
        "select la_code, definition_id, count(*), count(value) from marts.indicator_values "
        "where period_type = 'month' and definition_id in ('A1_v1', 'A2_v1') group by all order by all"
    ).fetchall()
    # the extract covers April 2013 - March 2015; reporting starts April 2014: 12 months,
    # and A1 needs 12 months of history, which April 2013 - March 2014 gives it
    assert rows == [("DEMO01", "A1_v1", 12, 12), ("DEMO01", "A2_v1", 12, 12),
                    ("DEMO02", "A1_v1", 12, 12), ("DEMO02", "A2_v1", 12, 12)]
    # nothing from the build file's raw or staging layers is published
    schemas = {r[0] for r in con.execute("select distinct table_schema from information_schema.tables").fetchall()}
    assert schemas == {"marts", "quality", "reference", "meta", "history"}
    first_values = con.execute("select * from marts.indicator_values order by all").fetchall()
    con.close()

    # A second night on the same build file, which dbt builds over (the project's table
    # and view materializations replace each relation in place, macros/materializations.sql):
    # a swap's leftover from a run stopped half way is dropped, not published, and a
    # relation of the other kind under a model's name (a table where a view model stands) is replaced
    build = duckdb.connect(str(wh / "build" / "build.duckdb"))
    build.execute("create table marts.indicator_values__dbt_tmp as select 1 as stray")
    build.execute("drop view staging.stg_case__visits")
    build.execute("create table staging.stg_case__visits as select 1 as stray")
    build.close()
    assert dg.materialize([*pipeline_assets(), *quality_checks], resources=build_resources(Paths(raw, wh))).success
    build = duckdb.connect(str(wh / "build" / "build.duckdb"), read_only=True)
    kinds = dict(build.execute(
        "select table_name, table_type from information_schema.tables where table_name in "
        "('indicator_values__dbt_tmp', 'stg_case__visits', 'indicator_values')").fetchall())
    build.close()
    assert kinds == {"stg_case__visits": "VIEW", "indicator_values": "BASE TABLE"}
    con = duckdb.connect(str(wh / "warehouse.duckdb"), read_only=True)
    assert con.execute("select * from marts.indicator_values order by all").fetchall() == first_values
    assert con.execute("select count(*) from information_schema.tables where table_name like '%dbt_tmp'").fetchone() == (0,)
    con.close()


def test_an_open_analyst_connection_keeps_reading_while_a_new_file_is_published(tmp_path):
    from orchestration.publication import publish_build

    build = tmp_path / "build.duckdb"
    con = duckdb.connect(str(build))
    con.execute("create schema marts; create table marts.t as select 1 as v; create schema raw; "
                "create table raw._loads (x int)")
    con.close()
    published = tmp_path / "warehouse.duckdb"
    publish_build(build, published, "run-one")
    analyst = duckdb.connect(str(published), read_only=True)
    assert analyst.execute("select v from marts.t").fetchall() == [(1,)]

    con = duckdb.connect(str(build))
    con.execute("create or replace table marts.t as select 2 as v")
    con.close()
    publish_build(build, published, "run-two")
    assert analyst.execute("select v from marts.t").fetchall() == [(1,)]  # the old file, still open
    analyst.close()
    fresh = duckdb.connect(str(published), read_only=True)
    assert fresh.execute("select v from marts.t").fetchall() == [(2,)]
    assert fresh.execute("select run_id from meta.publication").fetchall() == [("run-two",)]
    fresh.close()


def test_history_keeps_what_each_publication_reported(tmp_path):
    from orchestration.publication import publish_build

    build = tmp_path / "build.duckdb"
    con = duckdb.connect(str(build))
    con.execute("create schema marts; create schema raw; create table raw._loads (x int)")
    con.execute("create table marts.indicator_values as select 'LA' as la_code, 'A1_v1' as definition_id, "
                "'month' as period_type, date '2018-06-01' as period_start, 8.0 as numerator, 40.0 as denominator, "
                "20.0 as value, 'A1' as contract_code, 24.0 as target, 28.0 as tolerance, 'ON TARGET' as status")
    con.close()
    published = tmp_path / "warehouse.duckdb"
    publish_build(build, published, "night-1")
    publish_build(build, published, "night-2")  # nothing changed: nothing added
    con = duckdb.connect(str(build))
    con.execute("update marts.indicator_values set numerator = 9, value = 22.5")  # a late referral
    con.close()
    publish_build(build, published, "night-3")
    pub = duckdb.connect(str(published), read_only=True)
    rows = pub.execute("select run_id, numerator, value from history.indicator_values order by published_at").fetchall()
    pub.close()
    assert rows == [("night-1", 8.0, 20.0), ("night-3", 9.0, 22.5)]


def test_rollback_restores_the_previous_publication(tmp_path, monkeypatch):
    from orchestration.cli import main
    from orchestration.publication import archived, publish_build

    monkeypatch.setenv("CSC_KEEP_PUBLISHED", "2")
    build, published = tmp_path / "build.duckdb", tmp_path / "warehouse.duckdb"
    for night in (1, 2, 3):
        con = duckdb.connect(str(build))
        con.execute("create schema if not exists marts; create schema if not exists raw; "
                    "create table if not exists raw._loads (x int); "
                    f"create or replace table marts.t as select {night} as night")
        con.close()
        publish_build(build, published, f"night-{night}")
    assert len(archived(published)) == 2  # only the last two are kept
    assert main(["rollback", "--warehouse-dir", str(tmp_path)]) == 0
    con = duckdb.connect(str(published), read_only=True)
    assert con.execute("select night from marts.t").fetchall() == [(2,)]
    con.close()
    assert main(["rollback", "--steps", "5", "--warehouse-dir", str(tmp_path)]) == 2


def test_the_command_exits_with_its_code_and_all_its_output(tmp_path):
    # the console command leaves without the interpreter's teardown (cli.entry): its
    # output must still all arrive, and its exit status be main()'s
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "orchestration.cli", "rollback", "--warehouse-dir", str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stdout.strip().endswith(f"no publication 1 before the current one in {tmp_path / 'archive'}")


def test_a_second_run_waits_for_no_one(tmp_path):
    from orchestration.run_lock import build_lock

    paths = Paths(tmp_path / "raw", tmp_path / "wh")
    with build_lock(paths) as first:
        with build_lock(paths) as second:
            assert (first, second) == (True, False)
    with build_lock(paths) as again:
        assert again
