"""The quarterly report from a small hand-made data set, and the scorecard's dbt unit tests."""

import re
import subprocess

import pytest

from orchestration.cli import EXIT_OK, main
from orchestration.dbt_manifest import dbt_executable
from orchestration.report import Quarter, ReportError, build_reports
from orchestration.settings import DBT_PROJECT_DIR
from tests.conftest import run_warehouse
from tests.rawdata import write_family


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    referral = lambda rid, cid, d: {"referral_id": rid, "child_id": cid, "referral_date": d,  # noqa: E731
                                    "referral_nfa": "N"}
    write_family(raw, "RPT", "case", {
        "children": [{"child_id": c, "sex": "M", "birth_date": "2012-01-01"} for c in "XYZ"],
        "contacts": [{"contact_id": "K1", "child_id": "X", "contact_date": "2015-01-01", "outcome": "nfa"},
                     {"contact_id": "K2", "child_id": "X", "contact_date": "2016-09-30", "outcome": "nfa"}],
        # A1 at September 2016: X1, X2, Y1, Z1 in the 12 months; X2 a re-referral: 1/4 = 25%
        "referrals": [referral("X1", "X", "2016-01-10"), referral("X2", "X", "2016-08-10"),
                      referral("Y1", "Y", "2016-08-15"), referral("Z1", "Z", "2016-09-01")],
        # A2 July-September 2016: six assessments, all within 45 working days: 6/6
        "assessments": [{"assessment_id": f"S{i}", "referral_id": "X1", "child_id": "X",
                         "start_date": "2016-07-01", "authorisation_date": "2016-07-05"} for i in range(6)],
    })
    wh = tmp_path_factory.mktemp("wh")
    _, summary = run_warehouse(raw, wh)
    assert summary["published"], summary
    return wh


def cells(html: str, table_id: str) -> list[list[str]]:
    body = re.search(rf'<table id="{table_id}">(.*?)</table>', html, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)]
            for r in rows]


def test_quarterly_report_summary_counts(built, tmp_path):
    [path] = build_reports(built / "warehouse.duckdb", tmp_path, Quarter.parse("2016Q2"), "RPT")
    html = path.read_text()
    table = cells(html, "summary")
    assert table[0] == ["Area", "On or better than target", "Inside tolerance", "Outside tolerance",
                        "No target specified", "No value this quarter"]
    rows = {r[0]: r[1:] for r in table[1:]}
    # 2016/17 basket: A2 100% >= 92 on target; A1 25% <= 28 in tolerance; the other 19 of 21 have no value
    assert rows["Social care pathway"] == ["1", "1", "0", "0", "5"]
    assert rows["Total"] == ["1 (5%)", "1 (5%)", "0 (0%)", "0 (0%)", "19 (90%)"]
    assert "Quarter 2 2016/17 (July to September 2016)" in html


def test_small_counts_are_suppressed_in_the_report(built, tmp_path):
    [path] = build_reports(built / "warehouse.duckdb", tmp_path, Quarter.parse("2016Q2"), "RPT")
    operational = {r[0]: r[1:] for r in cells(path.read_text(), "operational")[1:]}
    assert operational["Referrals in period"][0] == "*"  # 3 referrals in the quarter
    assert operational["Contacts in period"][0] == "*"  # 1 contact


def test_charts_are_inline_svg_with_no_script_or_network(built, tmp_path):
    [path] = build_reports(built / "warehouse.duckdb", tmp_path, Quarter.parse("2016Q2"), "RPT")
    html = path.read_text()
    measures = len(re.findall(r'<section class="measure"', html))
    # the 2016/17 basket measures computed from a case extract alone: A1, A2, A3, A4, A5, A6
    # and B8 (A8 also needs SSDA903 files); those with no value still get their page and chart
    assert measures == 7
    assert html.count("<svg") == measures
    assert "<script" not in html.lower()
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_report_command_and_its_errors(built, tmp_path, capsys):
    assert main(["report", "--quarter", "2016Q2", "--la", "RPT", "--warehouse-dir", str(built),
                 "--out", str(tmp_path)]) == EXIT_OK
    assert (tmp_path / "quarterly_report_RPT_2016Q2.html").exists()
    assert main(["report", "--quarter", "2016Q5", "--warehouse-dir", str(built)]) == 2
    assert "YYYYQn" in capsys.readouterr().out
    with pytest.raises(ReportError, match="not in the published warehouse"):
        build_reports(built / "warehouse.duckdb", tmp_path, Quarter.parse("2016Q2"), "NOPE")


def test_the_nightly_run_writes_the_latest_quarter(built):
    report = built / "reports" / "quarterly_report_RPT_2016Q2.html"
    assert report.exists()
    assert report.stat().st_mode & 0o777 == 0o640
    assert (built / "warehouse.duckdb").stat().st_mode & 0o777 == 0o640


def test_quarters_are_named_as_the_council_papers_name_them():
    q = Quarter.parse("2018Q2")
    assert (q.start.isoformat(), q.short, q.shift(-4).code, q.shift(2).code) == ("2018-07-01", "Q2 18/19", "2017Q2",
                                                                                "2018Q4")
    assert Quarter.parse("2018Q4").title == "Quarter 4 2018/19 (January to March 2019)"


def test_scorecard_dbt_unit_tests_pass(built):
    proc = subprocess.run(
        [dbt_executable(), "test", "--select", "test_type:unit", "--project-dir", str(DBT_PROJECT_DIR),
         "--profiles-dir", str(DBT_PROJECT_DIR)],
        cwd=DBT_PROJECT_DIR, capture_output=True, text=True,
        env={**__import__("os").environ, "CSC_BUILD_DB": str(built / "build" / "build.duckdb")},
    )
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert re.search(r"PASS=\d+ WARN=0 ERROR=0", proc.stdout), proc.stdout[-2000:]
    assert "indicator_values::status_at_target_and_tolerance" in proc.stdout
