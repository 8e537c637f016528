"""The quarterly report from a small hand-made data set, and the scorecard's dbt unit tests."""

import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from orchestration.cli import EXIT_OK, main
from orchestration.dbt_manifest import dbt_executable
from orchestration.report import Quarter, ReportError, _chart, build_reports
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
    path, _ = build_reports(built / "warehouse.duckdb", tmp_path, Quarter.parse("2016Q2"), "RPT")
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
    path, _ = build_reports(built / "warehouse.duckdb", tmp_path, Quarter.parse("2016Q2"), "RPT")
    operational = {r[0]: r[1:] for r in cells(path.read_text(), "operational")[1:]}
    assert operational["Referrals in period"][0] == "*"  # 3 referrals in the quarter
    assert operational["Contacts in period"][0] == "*"  # 1 contact


def test_charts_are_inline_svg_with_no_script_or_network(built, tmp_path):
    path, _ = build_reports(built / "warehouse.duckdb", tmp_path, Quarter.parse("2016Q2"), "RPT")
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


SVG = "{http://www.w3.org/2000/svg}"


def chart(values, targets=None, tolerances=None, unit="percent", labels=None):
    labels = labels or [Quarter.parse("2018Q2").shift(i - len(values) + 1).short for i in range(len(values))]
    points = [{"label": lab, "value": v, "target": t, "tolerance": o} for lab, v, t, o in
              zip(labels, values, targets or [None] * len(values), tolerances or [None] * len(values))]
    svg = _chart(points, unit)
    return svg, ET.fromstring(svg)  # well-formed, self-contained XML


def polylines(root, css):
    return [[tuple(map(float, xy.split(","))) for xy in e.get("points").split()]
            for e in root.iter(f"{SVG}polyline") if e.get("class") == css]


def texts(root, css):
    return [e.text for e in root.iter(f"{SVG}text") if e.get("class") == css]


def test_chart_breaks_the_line_at_gaps_and_marks_each_value():
    values = [71.2, 68.4, None, 74.9, 77.3, None, None, 75.1]
    targets = [None, None, 70.0, 70.0, 72.0, 72.0, 72.0, 72.0]
    tolerances = [None, None, 65.0, 65.0, 67.0, 67.0, 67.0, 67.0]
    svg, root = chart(values, targets, tolerances)
    assert svg.startswith("<svg") and svg.endswith("</svg>") and "viewBox=" in svg
    assert not re.search(r"(src|href)=", svg) and "<script" not in svg
    markers = [(float(c.get("cx")), float(c.get("cy"))) for c in root.iter(f"{SVG}circle")
               if c.get("class") == "marker"]
    assert len(markers) == sum(v is not None for v in values) == 5
    xs = [x for x, _ in markers]  # the quarters' x positions, of those with a value
    gap_x = (xs[1] + xs[2]) / 2, (xs[3] + xs[4]) / 2  # where the missing quarters sit
    # one segment per run of quarters with a value (Q3-Q4 16/17, Q2-Q3 17/18); the
    # lone Q2 18/19 is a marker only; no segment reaches across a missing quarter
    segments = polylines(root, "value")
    assert [[x for x, _ in s] for s in segments] == [xs[0:2], xs[2:4]]
    for s in segments:
        assert not any(min(x for x, _ in s) < g < max(x for x, _ in s) for g in gap_x)
    # higher values are higher on the page
    assert markers[3][1] < markers[2][1] < markers[0][1] < markers[1][1]

    # the target is one step line from Q1 17/18 to the end, its level changing from 70
    # to 72 half-way between Q2 and Q3 17/18 (whose markers are xs[2] and xs[3])
    [target] = polylines(root, "target")
    steps = [a[0] for a, b in zip(target, target[1:]) if a[0] == b[0] and a[1] != b[1]]
    assert steps == [pytest.approx((xs[2] + xs[3]) / 2, abs=0.1)]
    assert target[0][0] < xs[2] - (xs[3] - xs[2]) and target[-1][0] > xs[4]
    assert len(polylines(root, "tolerance")) == 1
    assert texts(root, "legend") == ["value", "target", "tolerance"]
    assert texts(root, "y-label") == ["%"]
    assert texts(root, "x-tick")[0] == "Q3 16/17" and len(texts(root, "x-tick")) == 8

    # y ticks: a few round values from at or below the lowest line to at or above the highest
    ticks = [float(t.replace(",", "")) for t in texts(root, "y-tick")]
    assert 3 <= len(ticks) <= 9 and ticks == sorted(ticks)
    assert ticks[0] <= 65.0 and ticks[-1] >= 77.3
    assert all(t == round(t) for t in ticks)
    grid = [e for e in root.iter(f"{SVG}line") if e.get("stroke") == "#dddddd"]
    assert len(grid) == len(ticks)

    assert chart(values, targets, tolerances)[0] == svg  # the same points, the same bytes


def test_chart_draws_target_and_tolerance_only_when_there_are_some():
    _, root = chart([3.0, 4.0, 5.0, 4.5], unit="rate")
    assert polylines(root, "target") == [] and polylines(root, "tolerance") == []
    assert texts(root, "legend") == ["value"] and texts(root, "y-label") == []
    # a target in force in two separate spells is two step lines
    _, root = chart([3.0, 4.0, 5.0, 4.5], [3.5, None, 4.0, 4.0], unit="rate")
    assert len(polylines(root, "target")) == 2 and polylines(root, "tolerance") == []
    assert texts(root, "legend") == ["value", "target"]


def test_chart_of_no_values_a_flat_series_and_awkward_labels():
    svg, root = chart([None] * 8)
    assert polylines(root, "value") == [] and not [c for c in root.iter(f"{SVG}circle") if c.get("class")]
    assert len(texts(root, "y-tick")) >= 3 and "nan" not in svg.lower() and "inf" not in svg.lower()

    svg, root = chart([40.0] * 8, [40.0] * 8, unit="percent")
    ticks = [float(t) for t in texts(root, "y-tick")]
    assert ticks[0] < 40.0 < ticks[-1] and "nan" not in svg.lower()
    [line] = polylines(root, "value")
    assert len({y for _, y in line}) == 1

    _, root = chart([0.0] * 4, unit="count")
    assert [float(t) for t in texts(root, "y-tick")][0] == 0.0

    svg, root = chart([1.0, None], labels=["Q1 <b>&amp;", 'Q2 "x"'], unit="count")
    assert texts(root, "x-tick") == ["Q1 <b>&amp;", 'Q2 "x"'] and "<b>" not in svg


def test_published_tables_and_columns_carry_their_descriptions(built):
    """Issue 16: analysts opening the file in DuckDB, DBeaver or Power BI saw no
    descriptions. dbt's persist_docs writes them; publication keeps them."""
    import duckdb

    con = duckdb.connect(str(built / "warehouse.duckdb"), read_only=True)
    try:
        tables = dict(con.execute(
            "select table_name, comment from duckdb_tables() where schema_name = 'marts'").fetchall())
        columns = con.execute(
            "select column_name, comment from duckdb_columns() where schema_name = 'marts' "
            "and table_name = 'indicator_values'").fetchall()
        seed = con.execute("select comment from duckdb_tables() where schema_name = 'reference' "
                           "and table_name = 'indicator_catalogue'").fetchone()
    finally:
        con.close()
    assert tables["indicator_values"] and tables["indicator_evidence"] and tables["contract_values"]
    assert [c for c, comment in columns if not comment] == []
    assert seed[0] and "effective-dated" in seed[0]


def test_the_workbook_suppresses_exactly_where_the_html_does(built, tmp_path):
    """Issue 18: the workbook beside the report writes report_data's figures: 3 referrals
    and 1 contact in the quarter are * in both; A2's 6/6 is the number 100.0 in percent format."""
    import openpyxl

    html_path, xlsx_path = build_reports(built / "warehouse.duckdb", tmp_path, Quarter.parse("2016Q2"), "RPT")
    assert xlsx_path.name == "quarterly_report_RPT_2016Q2.xlsx" and xlsx_path.stat().st_mode & 0o777 == 0o640
    html_operational = {r[0]: r[1:] for r in cells(html_path.read_text(), "operational")[1:]}
    book = openpyxl.load_workbook(xlsx_path)
    operational = {r[0].value: [c.value for c in r[1:4]] for r in book["Operational"].iter_rows(min_row=2)}
    assert operational["Referrals in period"][0] == html_operational["Referrals in period"][0] == "*"
    assert operational["Contacts in period"][0] == html_operational["Contacts in period"][0] == "*"
    measures = {r[1].value: r for r in book["Measures"].iter_rows(min_row=2)}
    assert measures["A2"][3].value == 100.0 and measures["A2"][3].number_format == '0.0"%"'
    assert measures["A2"][4].value == 6 and measures["A2"][5].value == 6  # numerator and denominator
    assert measures["A2"][8].value == "ON TARGET"


def test_a_bad_comparator_row_stops_the_build(tmp_path):
    """Issue 18: a comparator outside its measure's plausible range (a percentage of 124)
    stops dbt with a message naming the row, as a bad catalogue rule does."""
    import os
    import shutil

    project = tmp_path / "dbt_project"
    shutil.copytree(DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs"))
    with open(project / "seeds" / "comparators.csv", "a", encoding="utf-8") as fh:
        fh.write("A2,,2016/17,regional,124.0,a typing mistake,false,\n")
    proc = subprocess.run(
        [dbt_executable(), "build", "--select", "+int_comparators", "--exclude-resource-type", "unit_test",
         "--project-dir", str(project), "--profiles-dir", str(project)],
        cwd=project, capture_output=True, text=True,
        env={**os.environ, "CSC_BUILD_DB": str(tmp_path / "build.duckdb"),
             "CSC_PUBLICATION_DB": str(tmp_path / "publication.duckdb")},
    )
    assert proc.returncode != 0
    assert "comparators: A2 regional 2016/17: value 124.0 is outside 0 to 100 for a percent measure" in proc.stdout


def test_exceptions_and_improvements_as_seed_003_section_4():
    """Outside tolerance, a worse status than last quarter or a declining trend make an
    exception (which wins over an improving trend); a better status or an improving trend
    an improvement; a steady measure is neither."""
    from orchestration.report import _exceptions

    def m(code, status, previous, trend):
        return {"contract_code": code, "status": status, "previous_status": previous, "trend": trend}

    exceptions, improvements = _exceptions([
        m("X1", "OUTSIDE TOLERANCE", "IN TOLERANCE", "improving"),
        m("X2", "ON TARGET", "IN TOLERANCE", "stable"),
        m("X3", "NO TARGET SET", None, "declining"),
        m("X4", "ON TARGET", "ON TARGET", "stable"),
        m("X5", "OUTSIDE TOLERANCE", "OUTSIDE TOLERANCE", None),
    ])
    assert [(e["contract_code"], e["reasons"]) for e in exceptions] == [
        ("X1", ["outside tolerance", "in tolerance last quarter, outside tolerance now"]),
        ("X3", ["declining trend"]),
        ("X5", ["outside tolerance"])]
    assert [(i["contract_code"], i["reasons"]) for i in improvements] == [
        ("X2", ["in tolerance last quarter, on target now"])]
