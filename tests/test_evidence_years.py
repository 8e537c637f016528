"""CSC_EVIDENCE_YEARS: how many contract years of child-level evidence are published, and
`csc-warehouse evidence`, which rebuilds older evidence on request. One authority, three
reported contract years (2014/15 to 2016/17), run twice: with every year's evidence
(CSC_EVIDENCE_YEARS=0) and with the default (2: 2015/16 and 2016/17)."""

import os
from datetime import date

import duckdb
import pytest

from orchestration.demo_data import generate
from tests.conftest import run_warehouse


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("evidence_years")
    raw = base / "raw"
    generate(raw, n_las=1, start=date(2013, 4, 1), end=date(2017, 3, 31))
    before = os.environ.pop("CSC_EVIDENCE_YEARS", None)
    try:
        os.environ["CSC_EVIDENCE_YEARS"] = "0"
        _, every = run_warehouse(raw, base / "all")
        del os.environ["CSC_EVIDENCE_YEARS"]  # the default
        _, default = run_warehouse(raw, base / "default")
    finally:
        os.environ.pop("CSC_EVIDENCE_YEARS", None)
        if before is not None:
            os.environ["CSC_EVIDENCE_YEARS"] = before
    assert every["published"] and default["published"]
    return base


def _con(base, name):
    return duckdb.connect(str(base / name / "warehouse.duckdb"), read_only=True)


def test_published_values_do_not_depend_on_the_evidence_kept(runs):
    every, default = _con(runs, "all"), _con(runs, "default")
    columns = [r[0] for r in every.execute(
        "select column_name from information_schema.columns where table_schema = 'marts' "
        "and table_name = 'indicator_values' order by ordinal_position").fetchall()]
    sql = f"select {', '.join(columns)} from marts.indicator_values order by all"
    values = every.execute(sql).fetchall()
    assert len(values) > 1000
    assert values == default.execute(sql).fetchall()


def test_the_default_publishes_the_current_and_previous_contract_year(runs):
    every, default = _con(runs, "all"), _con(runs, "default")
    months = "select min(period_start), max(period_start) from marts.indicator_evidence"
    # the latest reported month is March 2017 (contract year 2016/17): its year and 2015/16
    assert default.execute(months).fetchone() == (date(2015, 4, 1), date(2017, 3, 1))
    # all years: from the rolling window of the first reported month, April 2014, on
    assert every.execute(months).fetchone()[0] < date(2015, 4, 1)
    # the kept months are published alike, pseudonyms included
    same = "select * from marts.indicator_evidence where period_start >= date '2015-04-01' order by all"
    assert every.execute(same).fetchall() == default.execute(same).fetchall()


def test_older_evidence_is_rebuilt_on_request_as_it_would_have_been_published(runs):
    from orchestration.cli import main

    wh = runs / "default"
    assert main(["evidence", "--la", "DEMO01", "--from", "2014-04", "--warehouse-dir", str(wh)]) == 0
    rebuilt = duckdb.connect(str(wh / "evidence" / "DEMO01_from_2014-04.duckdb"), read_only=True)
    every = _con(runs, "all")
    sql = "select * from {} where period_start >= date '2014-04-01' order by all"
    rows = rebuilt.execute(sql.format("indicator_evidence")).fetchall()
    assert rows and rows == every.execute(sql.format("marts.indicator_evidence")).fetchall()
    assert main(["evidence", "--la", "DEMO01", "--from", "2014-13", "--warehouse-dir", str(wh)]) == 2
