"""Third-party SSDA903 files (../shared/external/ssda903_validator_fake: the fake data of the
open-source DfE 903 validator, one collection year ending 31 March 2018) as an authority of
their own, through the whole pipeline.

The files are structurally sound but break many DfE business rules. The run must publish,
report each broken rule as a WARN finding naming the rows (never an ERROR), leave out the
rows a definition cannot use, and still compute B9 and B10 for the authority's months.
Only the placement family is supplied: the measures that need the case extract are absent
for it, and the run says so.
"""

import duckdb
import pytest

from orchestration.contract import load_contract
from orchestration.settings import DBT_PROJECT_DIR
from tests.conftest import run_warehouse
from tests.rawdata import EXTERNAL_903, copy_external_903

LA = "EXT903"

@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    assert EXTERNAL_903.is_dir(), f"the third-party files are read from {EXTERNAL_903} (or set CSC_SHARED_DIR)"
    raw = tmp_path_factory.mktemp("raw")
    copy_external_903(raw, LA, year=2018)
    wh = tmp_path_factory.mktemp("wh")
    result, summary = run_warehouse(raw, wh)
    published = duckdb.connect(str(wh / "warehouse.duckdb"), read_only=True) if summary["published"] else None
    build = duckdb.connect(str(wh / "build" / "build.duckdb"), read_only=True)
    yield result, summary, published, build
    if published:
        published.close()
    build.close()


def test_the_run_publishes_with_no_error(warehouse):
    _, summary, published, _ = warehouse
    assert summary["published"], summary
    errors = published.execute("select source, check_name from quality.findings where severity = 'ERROR'").fetchall()
    assert errors == []


def test_broken_rules_are_warn_findings_naming_rows(warehouse):
    _, _, published, _ = warehouse
    found = dict(published.execute(
        "select check_name, sum(rows_affected) from quality.findings "
        "where la_code = ? and stage = 'check.ssda903_extract' and severity = 'WARN' group by 1", [LA]).fetchall())
    # rules the files are known to break (validator README: e.g. IN_TOUCH DIED with an activity)
    for rule in ["episodes overlap", "X1 followed by an episode the same day", "DEC and REC given together",
                 "ACTIV valid for the year", "ACCOM valid for the year",
                 "no activity or accommodation after death or return home"]:
        assert found.get(rule, 0) > 0, (rule, found)
    rows = published.execute(
        "select rows_affected, len(row_numbers) from quality.findings where la_code = ? "
        "and stage = 'check.ssda903_extract'", [LA]).fetchall()
    assert all(n > 0 and shown > 0 for n, shown in rows)


def test_every_finding_is_flagged_and_excluded_rows_stay_out(warehouse):
    _, _, published, build = warehouse
    overlapping = build.execute(
        "select count(*) from intermediate.int_ssda903_episode_checks where la_code = ? and is_overlapping",
        [LA]).fetchone()[0]
    reported = published.execute(
        "select sum(rows_affected) from quality.findings where la_code = ? and check_name = 'episodes overlap'",
        [LA]).fetchone()[0]
    assert overlapping == reported > 0
    # no excluded episode reaches the history the measures use
    leaked = build.execute(
        "select count(*) from intermediate.int_care_periods p join intermediate.int_ssda903_episode_checks c "
        "using (la_code, _source_file, _row_number) where c.is_excluded").fetchone()[0]
    assert leaked == 0


def test_b9_and_b10_have_values_for_the_months(warehouse):
    _, _, published, _ = warehouse
    rows = published.execute(
        "select definition_id, count(*), count(value), min(period_start)::varchar, max(period_start)::varchar "
        "from marts.indicator_values where la_code = ? and period_type = 'month' "
        "and definition_id in ('B9_v1', 'B10_v1') group by 1 order by 1", [LA]).fetchall()
    # the 2018 return covers April 2017 - March 2018
    assert [r[0] for r in rows] == ["B10_v1", "B9_v1"]
    assert all(r[1] == 12 and r[3] == "2017-04-01" and r[4] == "2018-03-01" for r in rows), rows
    b10, b9 = rows
    assert b10[2] == 12
    # no episode in the files starts before January 2015, so nobody has been looked after
    # 30 months before July 2017: April - June have an empty denominator (no value, not 0)
    assert b9[2] == 9
    empty = published.execute(
        "select period_start::varchar from marts.indicator_values where la_code = ? and definition_id = 'B9_v1' "
        "and period_type = 'month' and value is null order by 1", [LA]).fetchall()
    assert [e[0] for e in empty] == ["2017-04-01", "2017-05-01", "2017-06-01"]


def test_every_child_the_return_shows_looked_after_is_counted(warehouse):
    """Overlapping episodes are excluded from the history, not from the count: every child
    the file shows looked after at a month end (DECOM on or before it, DEC blank or after
    it, not LS V3/V4) is in OP_CLA that month, and no other child is."""
    import calendar
    import csv
    from datetime import date

    def day(text):
        d, m, y = text.split("/")
        return date(int(y), int(m), int(d))

    shown: dict[date, set[str]] = {}
    with (EXTERNAL_903 / "episodes.csv").open(encoding="utf-8-sig", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["LS"] in ("V3", "V4"):
                continue
            start, end = day(r["DECOM"]), day(r["DEC"]) if r["DEC"] else None
            for y, m in [(2017, m) for m in range(4, 13)] + [(2018, m) for m in range(1, 4)]:
                month_end = date(y, m, calendar.monthrange(y, m)[1])
                if start <= month_end and (end is None or end > month_end):
                    shown.setdefault(date(y, m, 1), set()).add(r["CHILD"])
    _, _, _, build = warehouse
    counted: dict[date, set[str]] = {}
    for month, child in build.execute(
            "select period_start, child_id from intermediate.int_evidence__cla_operational "
            "where la_code = ? and definition_id = 'OP_CLA' and period_start >= date '2017-04-01'", [LA]).fetchall():
        counted.setdefault(month, set()).add(child)
    assert sorted(counted) == sorted(shown)
    assert all(counted[m] == shown[m] for m in shown)
    # the overlapping children among them are left out of B10, and the finding says how many
    excluded = build.execute(
        "select count(distinct child_id) from intermediate.int_ssda903_children_left_out "
        "where la_code = ? and definition_id = 'B10_v1'", [LA]).fetchone()[0]
    _, _, published, _ = warehouse
    said = published.execute("select subjects_affected from quality.findings where la_code = ? "
                              "and check_name = 'children left out of B10'", [LA]).fetchone()[0]
    assert said == excluded > 0


def test_measures_needing_other_families_are_absent_and_the_run_says_so(warehouse):
    _, _, published, _ = warehouse
    case_values = published.execute(
        "select count(*) from marts.indicator_values where la_code = ? and definition_id in ('B8_v1', 'A1_v1')",
        [LA]).fetchone()[0]
    assert case_values == 0
    told = published.execute(
        "select count(*) from quality.findings where la_code = ? and check_name = 'family supplied' "
        "and source = ?", [LA, f"{LA}/case"]).fetchone()[0]
    assert told == 1


def test_placement_contract_columns_are_staged_under_their_staged_as_names():
    """values_parse compares each raw date with the staged column named by staged_as."""
    contract = load_contract()
    for table in contract.family("placement").tables:
        sql = (DBT_PROJECT_DIR / "models" / "staging" / "ssda903" / f"{table.staging_model}.sql").read_text()
        for column in table.columns:
            assert f" as {column.staged_as}" in sql, (table.name, column.name, column.staged_as)


def test_ssda903_checks_read_columns_the_check_models_have():
    """Each sql check of the suite names flags that exist in the models it reads."""
    from orchestration.quality_suites import load_suites

    checks = [c for c in load_suites()["ssda903_extract"].checks if c.kind == "sql"]
    assert len(checks) >= 20
    models = DBT_PROJECT_DIR / "models" / "intermediate" / "placement"
    for check in checks:
        for model in ("int_ssda903_episode_checks", "int_ssda903_episode_years", "int_ssda903_care_leaver_checks",
                      "int_ssda903_missing_checks"):
            if f"intermediate.{model}" in check.sql:
                flag = check.sql.split("where", 1)[1].split()[0]
                assert f" as {flag}" in (models / f"{model}.sql").read_text(), (check.name, flag)
