"""Codes outside their lists (issue 16): a value of a code column that is not in its code list
(seed code_lists, named by the column's `codes:` in orchestration/raw_contract.yml) is a WARN
finding naming the file, the column and the rows (never the value), and is staged as
`unknown`, so that no published category is free text or a spreadsheet formula.

One pipeline run, two authorities with the same children, staff and ledger lines: TCLEAN
writes listed codes, TCODES writes, on the same rows, an unknown ethnicity (children.csv and
the SSDA903 header), unknown need codes (referrals.csv primary_need_code, episodes.csv CIN),
an unknown worker role, an unknown SSDA903 reason episode ceased, an unknown cost centre, and
the text =cmd|' /c calc'!a0 in three columns that feed a published cohort (reason for
leaving, funding stream, SSDA903 PLACE). The measures must count the same rows in both.
"""

import re

import duckdb
import pytest

from tests.conftest import run_warehouse
from tests.rawdata import write_family

FORMULA = "=cmd|' /c calc'!a0"
FORMULA_STARTS = ("=", "+", "-", "@")
# columns that identify a ledger line: staged as written (two unknown cost centres must not
# become one line), made `unknown` where published (int_evidence__d19)
LEDGER_LINE_KEYS = {("ledger", "cost_centre"), ("ledger", "funding_stream")}


def _authority(raw, la: str, bad: bool) -> None:
    """The same extracts for both authorities; `bad` swaps in the unlisted codes."""
    def code(clean: str, unlisted: str) -> str:
        return unlisted if bad else clean

    write_family(raw, la, "case", {
        "children": [{"child_id": "C1", "sex": "1", "birth_date": "2010-01-01", "ethnicity": code("WBRI", "ZZZZ")},
                     {"child_id": "C2", "sex": "2", "birth_date": "2011-01-01", "ethnicity": "WBRI"}],
        "contacts": [{"contact_id": "K1", "child_id": "C1", "contact_date": "2016-04-01", "outcome": "referral"}],
        "referrals": [{"referral_id": "R1", "child_id": "C1", "referral_date": "2016-04-02", "referral_nfa": "N",
                       "primary_need_code": code("N1", "N99")},
                      {"referral_id": "R2", "child_id": "C2", "referral_date": "2016-05-02", "referral_nfa": "N",
                       "primary_need_code": "N2"}],
    })
    write_family(raw, la, "placement", {
        "ssda903_header": [{"CHILD": "C1", "SEX": "1", "DOB": "01/01/2010", "ETHNIC": code("WBRI", "ZZZZ")},
                           {"CHILD": "C2", "SEX": "2", "DOB": "01/01/2011", "ETHNIC": "WBRI"},
                           {"CHILD": "C3", "SEX": "2", "DOB": "01/01/2009", "ETHNIC": "WBRI"}],
        "ssda903_episodes": [
            # C1 leaves care on 1 February 2017: looked after at the month ends April 2016 to January 2017
            {"CHILD": "C1", "DECOM": "01/04/2016", "RNE": "S", "LS": "C2", "CIN": code("N1", "N99"), "PLACE": "U4",
             "PLACE_PROVIDER": "PR1", "DEC": "01/02/2017", "REC": code("E13", "E99")},
            # C2: a formula as the placement type (published as OP_CLA's cohort before issue 16)
            {"CHILD": "C2", "DECOM": "01/04/2016", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": code("U4", FORMULA),
             "PLACE_PROVIDER": "PR1", "DEC": "", "REC": ""},
            {"CHILD": "C3", "DECOM": "01/04/2016", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "K2",
             "PLACE_PROVIDER": "PR1", "DEC": "", "REC": ""},
        ],
    }, year=2017)
    staff = {"agency_worker": "N", "job_title": "Social Worker", "frontline": "Y", "qualified_social_worker": "Y",
             "caseholding": "Y", "fte": "1"}
    write_family(raw, la, "workforce", {
        "staff": [
            # W1 leaves in March 2017 after three years: a C15 leaver (denominator), not within two years
            {**staff, "worker_id": "W1", "start_date": "2014-03-01", "end_date": "2017-03-15",
             "org_role": code("5", "9"), "reason_leave": code("resignation", FORMULA)},
            {**staff, "worker_id": "W2", "start_date": "2014-03-01", "org_role": "5"},
        ],
        "posts": [{"post_id": "P1", "frontline": "Y", "fte": "2", "start_date": "2014-01-01"}],
    })
    line = {"month": "2017-03-01", "service_area": "Test", "budget": "100", "actual": "90", "forecast_outturn": "1100"}
    write_family(raw, la, "finance", {"ledger": [
        {**line, "cost_centre": code("CC110", "CC999"), "category": "placements", "funding_stream": "core contract"},
        {**line, "cost_centre": "CC120", "category": "other_expenditure", "funding_stream": code("Capital", FORMULA)},
    ]})


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    _authority(raw, "TCLEAN", bad=False)
    _authority(raw, "TCODES", bad=True)
    wh = tmp_path_factory.mktemp("wh")
    _, summary = run_warehouse(raw, wh)
    assert summary["published"], summary
    published = duckdb.connect(str(wh / "warehouse.duckdb"), read_only=True)
    build = duckdb.connect(str(wh / "build" / "build.duckdb"), read_only=True)
    yield published, build
    published.close()
    build.close()


def _findings(con, la: str, check: str):
    return con.execute(
        "select source, column_name, rows_affected, row_numbers from quality.findings "
        "where la_code = ? and check_name = ? and severity = 'WARN' order by source, column_name", [la, check]
    ).fetchall()


def test_each_unlisted_code_is_a_warn_naming_file_column_and_row(warehouse):
    published, _ = warehouse
    # row numbers: the data rows of the file, first data row 1 (the changed row is the first in each file)
    assert _findings(published, "TCODES", "codes in their lists") == [
        ("TCODES/case/children.csv", "ethnicity", 1, [1]),
        ("TCODES/case/referrals.csv", "primary_need_code", 1, [1]),
        ("TCODES/finance/ledger.csv", "cost_centre", 1, [1]),
        ("TCODES/finance/ledger.csv", "funding_stream", 1, [2]),
        ("TCODES/placement/ssda903/2017/episodes.csv", "CIN", 1, [1]),
        ("TCODES/placement/ssda903/2017/header.csv", "ETHNIC", 1, [1]),
        ("TCODES/workforce/staff.csv", "org_role", 1, [1]),
        ("TCODES/workforce/staff.csv", "reason_leave", 1, [1]),
    ]
    # the SSDA903 year-dependent lists keep their own checks (seed ssda903_codes)
    assert _findings(published, "TCODES", "REC valid for the year") == [
        ("TCODES/placement/ssda903/2017/episodes.csv", "REC", 1, [1])]
    assert _findings(published, "TCODES", "PLACE valid for the year") == [
        ("TCODES/placement/ssda903/2017/episodes.csv", "PLACE", 1, [2])]
    assert _findings(published, "TCLEAN", "codes in their lists") == []
    # a finding never carries the value (it could be personal data or a formula)
    messages = published.execute("select string_agg(message, ' ') from quality.findings").fetchone()[0]
    for value in ("ZZZZ", "N99", "CC999", "cmd", "E99"):
        assert value not in messages


def test_unlisted_codes_are_staged_as_unknown(warehouse):
    _, build = warehouse
    staged = {
        "ethnicity": "select ethnicity from staging.stg_case__children where child_id = 'C1' and la_code = ?",
        "need": "select primary_need_code from staging.stg_case__referrals where referral_id = 'R1' and la_code = ?",
        "ethnic_903": "select ethnicity from staging.stg_ssda903__header where child_id = 'C1' and la_code = ?",
        "cin_903": "select category_of_need from staging.stg_ssda903__episodes where child_id = 'C1' and la_code = ?",
        "role": "select org_role from staging.stg_workforce__staff where worker_id = 'W1' and la_code = ?",
        "leaving": "select reason_leave from staging.stg_workforce__staff where worker_id = 'W1' and la_code = ?",
    }
    clean = {k: build.execute(q, ["TCLEAN"]).fetchone()[0] for k, q in staged.items()}
    unknown = {k: build.execute(q, ["TCODES"]).fetchone()[0] for k, q in staged.items()}
    assert clean == {"ethnicity": "WBRI", "need": "N1", "ethnic_903": "WBRI", "cin_903": "N1", "role": "5",
                     "leaving": "resignation"}
    assert unknown == {k: "unknown" for k in staged}


def test_published_cohorts_are_listed_codes_or_unknown(warehouse):
    published, _ = warehouse

    def cohorts(la, definition):
        return published.execute(
            "select list(distinct cohort order by cohort) from marts.indicator_evidence "
            "where la_code = ? and definition_id = ?", [la, definition]).fetchone()[0]

    # C15: W1's reason for leaving
    assert cohorts("TCLEAN", "C15_v1") == ["resignation"]
    assert cohorts("TCODES", "C15_v1") == ["unknown"]
    # OP_CLA: the placement type of the episode open at each month end (C2's was a formula)
    assert cohorts("TCLEAN", "OP_CLA") == ["K2", "U4"]
    assert cohorts("TCODES", "OP_CLA") == ["K2", "U4", "unknown"]
    # D19: the funding stream of the line that is not the core contract
    assert cohorts("TCLEAN", "D19_v1") == ["Capital"]
    assert cohorts("TCODES", "D19_v1") == ["unknown"]


def test_nothing_published_starts_like_a_spreadsheet_formula(warehouse):
    published, _ = warehouse
    columns = published.execute(
        "select table_schema, table_name, column_name from information_schema.columns "
        "where data_type = 'VARCHAR' and table_schema not in ('information_schema', 'pg_catalog')").fetchall()
    assert columns
    for schema, table, column in columns:
        if column == "target_note":
            continue  # the performance officer's notes in seed indicator_catalogue, not from a source
        starts = " or ".join(f"starts_with(\"{column}\", '{c}')" for c in FORMULA_STARTS)
        bad = published.execute(f'select count(*) from "{schema}"."{table}" where {starts}').fetchone()[0]
        assert bad == 0, (schema, table, column)


def test_the_measures_count_the_same_rows(warehouse):
    published, _ = warehouse
    # every figure of the authority with unknown codes equals its clean twin's, except those the
    # SSDA903 rule for a PLACE not of the collection year already changes (before issue 16 too):
    # C2's episode is excluded from the episode history (docs/indicators_children_in_care.md),
    # so C2's placement is not known to OP_CLA_IN_HOUSE_FOSTER, OP_CLA_OUT_OF_AUTHORITY and B10,
    # and C2 is not in the CLA visit cohort of A4_v3 (OP_A4_CLA, OP_A4_CIN)
    figures = """
        select definition_id, period_type, period_start, numerator, denominator from marts.indicator_values
        where la_code = ? and definition_id not in ('OP_CLA_IN_HOUSE_FOSTER', 'OP_CLA_OUT_OF_AUTHORITY', 'B10_v1',
                                                    'A4_v3', 'OP_A4_CLA', 'OP_A4_CIN')
        order by all"""
    clean = published.execute(figures, ["TCLEAN"]).fetchall()
    assert clean
    assert published.execute(figures, ["TCODES"]).fetchall() == clean
    # the children are still children: OP_CLA in January 2017 counts C1, C2 and C3 (by hand: all three
    # episodes open on 31 January; C1 leaves on 1 February), and C15 counts W1 as a leaver in March 2017
    for la in ("TCLEAN", "TCODES"):
        assert published.execute(
            "select numerator from marts.indicator_values where la_code = ? and definition_id = 'OP_CLA' "
            "and period_type = 'month' and period_start = '2017-01-01'", [la]).fetchone()[0] == 3
        assert published.execute(
            "select numerator, denominator from marts.indicator_values where la_code = ? "
            "and definition_id = 'C15_v1' and period_type = 'month' and period_start = '2017-03-01'",
            [la]).fetchone() == (0, 1)


def test_every_list_the_contract_names_is_in_the_seed_and_applied_in_staging():
    # one owner: the contract names a column's list, seed code_lists holds its codes, and the
    # column's staging model applies macro listed_code with that list (the ledger's line keys,
    # cost_centre and funding_stream, keep their value in staging: int_evidence__d19 maps the stream)
    import csv

    from orchestration.contract import load_contract
    from orchestration.settings import DBT_PROJECT_DIR

    with (DBT_PROJECT_DIR / "seeds" / "code_lists.csv").open(encoding="utf-8") as fh:
        lists = {row["list"] for row in csv.DictReader(fh)}
    named = set()
    for t in load_contract().tables:
        sql = next((DBT_PROJECT_DIR / "models" / "staging").rglob(f"{t.staging_model}.sql")).read_text()
        for c in t.columns:
            if not c.codes:
                continue
            named.add(c.codes)
            assert c.type == "code" and c.codes in lists, (t.name, c.name)
            applied = re.search(rf"listed_code\(.*'{c.codes}'\) }}}} as {c.staged_as}\b", sql) is not None
            assert applied == ((t.name, c.name) not in LEDGER_LINE_KEYS), (t.name, c.name)
    assert named == lists


def test_an_authority_folder_starting_like_a_formula_is_refused(tmp_path):
    # la_code is published in every table: a folder named "-2+3" would be a formula there
    from orchestration.contract import load_contract
    from orchestration.loader import discover_authorities

    for name in ("-2+3", "_x", "LA1"):
        (tmp_path / name).mkdir()
    codes, findings = discover_authorities(tmp_path, load_contract())
    assert codes == ["LA1"]
    assert [f.check_name for f in findings] == ["authority folder", "authority folder"]
