"""The quality gate: a bad raw file leaves the published warehouse exactly as it was."""

import duckdb
import pytest

from orchestration.cli import EXIT_BLOCKED, EXIT_OK, main
from orchestration.contract import load_contract
from tests.rawdata import write_family, write_table

CHILDREN = [{"child_id": f"CHILD-{i}", "sex": "F", "birth_date": "2012-03-04"} for i in range(3)]
REFERRALS = [
    {"referral_id": "REF-1", "child_id": "CHILD-0", "referral_date": "2016-01-05", "referral_nfa": "N"},
    {"referral_id": "REF-2", "child_id": "CHILD-1", "referral_date": "2016-02-05", "referral_nfa": "N"},
]


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    wh = tmp_path_factory.mktemp("wh")
    write_family(raw, "GOOD", "case", {"children": CHILDREN, "referrals": REFERRALS})
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_OK
    return raw, wh


def findings(wh):
    con = duckdb.connect(str(wh / "build" / "build.duckdb"), read_only=True)
    try:
        return con.execute(
            "select source, check_name, severity, column_name, rows_affected, row_numbers, message "
            "from quality.findings where severity = 'ERROR' and run_id = "
            "(select run_id from quality.findings order by found_at desc limit 1)"
        ).fetchall()
    finally:
        con.close()


def test_the_same_data_again_records_no_change_in_history(published):
    """Issue 16: sums drifted by up to 8e-9 between identical runs, so history recorded
    false changes every night. Figures are exact decimals: a second run of the same data
    adds nothing to history."""
    raw, wh = published

    def history_rows():
        con = duckdb.connect(str(wh / "warehouse.duckdb"), read_only=True)
        try:
            return con.execute("select count(*), count(distinct run_id) from history.indicator_values").fetchone()
        finally:
            con.close()

    before = history_rows()
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_OK
    assert history_rows() == before


def test_duplicate_keys_block_publication_and_keep_the_published_file(published, capsys):
    raw, wh = published
    before = (wh / "warehouse.duckdb").read_bytes()
    write_table(raw, "GOOD", "referrals", REFERRALS + [dict(REFERRALS[0], child_id="CHILD-2")])
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_BLOCKED
    assert (wh / "warehouse.duckdb").read_bytes() == before
    assert findings(wh) == [("GOOD/case/referrals.csv", "keys unique", "ERROR", "referral_id", 2, [1, 3],
                             "The same key appears on more than one row; the rows listed share a key.")]
    out = capsys.readouterr().out
    assert "NOT published" in out
    assert "CHILD-" not in out and "REF-1" not in out


def test_missing_column_blocks_at_ingest(published, capsys):
    raw, wh = published
    before = (wh / "warehouse.duckdb").read_bytes()
    spec = next(t for t in load_contract().tables if t.name == "children")
    write_table(raw, "GOOD", "children", CHILDREN, columns=[c for c in spec.column_names if c != "birth_date"])
    write_table(raw, "GOOD", "referrals", REFERRALS)
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_BLOCKED
    assert (wh / "warehouse.duckdb").read_bytes() == before
    assert [(f[0], f[1], f[3]) for f in findings(wh)] == [
        ("GOOD/case/children.csv", "required column present", "birth_date")
    ]
    assert "CHILD-" not in capsys.readouterr().out


def test_dates_written_another_way_block_the_file_and_name_the_format(published):
    """Issue 16: 5/1/16 was read as the year 0016 and published with a WARN."""
    raw, wh = published
    before = (wh / "warehouse.duckdb").read_bytes()
    write_table(raw, "GOOD", "children", CHILDREN)
    write_table(raw, "GOOD", "referrals", [dict(r, referral_date=d) for r, d in zip(REFERRALS, ["5/1/16", "5/2/16"])])
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_BLOCKED
    assert (wh / "warehouse.duckdb").read_bytes() == before
    [(source, check, _, column, n, rows, message)] = [f for f in findings(wh) if f[1] == "dates readable"]
    assert (source, column, n, rows) == ("GOOD/case/referrals.csv", "referral_date", 2, [1, 2])
    assert "another date format with two-digit years" in message
    assert "5/1/16" not in message
    write_table(raw, "GOOD", "referrals", REFERRALS)


def test_blank_and_implausible_event_dates_block_the_file(published):
    raw, wh = published
    before = (wh / "warehouse.duckdb").read_bytes()
    write_table(raw, "GOOD", "children", CHILDREN)
    write_table(raw, "GOOD", "referrals", [
        dict(REFERRALS[0], referral_date=""),            # row 1: no event date
        dict(REFERRALS[1], referral_date="1899-12-31"),  # row 2: the day before 1900
        {"referral_id": "REF-3", "child_id": "CHILD-2", "referral_date": "1900-01-01", "referral_nfa": "N"},  # plausible
        {"referral_id": "REF-4", "child_id": "CHILD-2", "referral_date": "2999-01-01", "referral_nfa": "N"},  # future
    ])
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_BLOCKED
    assert (wh / "warehouse.duckdb").read_bytes() == before
    plausible = [(f[0], f[3], f[5]) for f in findings(wh) if f[1] == "event dates plausible"]
    assert plausible == [("GOOD/case/referrals.csv", "referral_date", [1, 2, 4])]
    write_table(raw, "GOOD", "referrals", REFERRALS)


def test_one_authoritys_error_holds_back_only_that_authority(tmp_path, capsys):
    raw, wh = tmp_path / "raw", tmp_path / "wh"
    # a contact on 31 March makes January-March 2016 a complete quarter, so the nightly
    # run writes each authority's report
    march = [{"contact_id": "K1", "child_id": "CHILD-0", "contact_date": "2016-03-31", "outcome": "nfa"}]
    for la in ("GOOD", "BAD"):
        write_family(raw, la, "case", {"children": CHILDREN, "referrals": REFERRALS, "contacts": march})
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_OK
    # next night: GOOD has a new referral, BAD a duplicated key
    write_table(raw, "GOOD", "referrals", REFERRALS + [
        {"referral_id": "REF-3", "child_id": "CHILD-2", "referral_date": "2016-02-20", "referral_nfa": "N"}])
    write_table(raw, "BAD", "referrals", REFERRALS + [dict(REFERRALS[0], child_id="CHILD-2")])
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_OK
    assert "held back        BAD" in capsys.readouterr().out
    con = duckdb.connect(str(wh / "warehouse.duckdb"), read_only=True)
    referrals = dict(con.execute(
        "select la_code, value from marts.indicator_values where definition_id = 'OP_REFERRALS' "
        "and period_type = 'month' and period_start = '2016-02-01'").fetchall())
    status = dict(con.execute("select la_code, status from meta.authority_status").fetchall())
    con.close()
    assert referrals == {"GOOD": 2, "BAD": 1}  # BAD keeps last night's figure
    assert status == {"GOOD": "current", "BAD": "stale"}
    # the regenerated report says BAD's figures are from its last good load (issue 16)
    [bad_report] = (wh / "reports").glob("quarterly_report_BAD_*.html")
    [good_report] = (wh / "reports").glob("quarterly_report_GOOD_*.html")
    assert "from its last good load" in bad_report.read_text()
    assert 'id="stale"' not in good_report.read_text()


def test_a_place_column_of_unknown_codes_blocks_publication(tmp_path):
    from tests.rawdata import copy_external_903, table_path

    raw, wh = tmp_path / "raw", tmp_path / "wh"
    copy_external_903(raw, "EXT")
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_OK
    before = (wh / "warehouse.duckdb").read_bytes()
    episodes = table_path(raw, "EXT", "ssda903_episodes", 2018)
    lines = episodes.read_text().splitlines()
    header = lines[0].split(",")
    place = header.index("PLACE")
    rows = [line.split(",") for line in lines[1:]]
    for r in rows:
        r[place] = "ZZ9"  # no such placement type in any year
    episodes.write_text("\n".join([lines[0], *[",".join(r) for r in rows]]) + "\n")
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_BLOCKED
    assert (wh / "warehouse.duckdb").read_bytes() == before
    errors = findings(wh)
    assert [(f[1], f[3], f[4]) for f in errors] == [("PLACE valid for the year", "PLACE", len(rows))]


def test_a_file_half_the_size_of_the_last_load_is_a_warn(tmp_path):
    raw, wh = tmp_path / "raw", tmp_path / "wh"
    many = [{"referral_id": f"REF-{i}", "child_id": "CHILD-0", "referral_date": "2016-01-05", "referral_nfa": "N"}
            for i in range(10)]
    write_family(raw, "VOL", "case", {"children": CHILDREN, "referrals": many})
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_OK
    write_table(raw, "VOL", "referrals", many[:4])  # 4 of last night's 10
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_OK
    con = duckdb.connect(str(wh / "warehouse.duckdb"), read_only=True)
    warns = con.execute("select source, check_name from quality.findings where severity = 'WARN' "
                        "and run_id = (select run_id from meta.publication)").fetchall()
    con.close()
    assert warns == [("VOL/case/referrals.csv", "volume against the last good load")]


def test_a_core_file_fallen_to_nothing_is_an_error(tmp_path):
    """Issue 16: referrals.csv with a header and no rows published with a volume WARN and
    collapsed seven indicators."""
    raw, wh = tmp_path / "raw", tmp_path / "wh"
    many = [{"referral_id": f"REF-{i}", "child_id": "CHILD-0", "referral_date": "2016-01-05", "referral_nfa": "N"}
            for i in range(10)]
    write_family(raw, "VOL", "case", {"children": CHILDREN, "referrals": many})
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_OK
    before = (wh / "warehouse.duckdb").read_bytes()
    write_table(raw, "VOL", "referrals", [])  # the header alone
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_BLOCKED
    assert (wh / "warehouse.duckdb").read_bytes() == before
    assert [(f[0], f[1]) for f in findings(wh)] == [("VOL/case/referrals.csv", "core file collapsed")]


def test_a_denominator_collapsing_in_every_month_at_once_is_an_error(tmp_path):
    """Issue 16: the month-on-month check misses a collapse of every month at once."""
    raw, wh = tmp_path / "raw", tmp_path / "wh"
    assessments = [{"assessment_id": f"S{i}", "referral_id": "REF-1", "child_id": "CHILD-0",
                    "start_date": f"2016-0{1 + i % 3}-01", "authorisation_date": f"2016-0{1 + i % 3}-05"}
                   for i in range(120)]  # 40 authorised in each of January-March 2016
    # a contact on 31 March keeps the extract's coverage to March whatever the assessments say
    march = [{"contact_id": "K1", "child_id": "CHILD-0", "contact_date": "2016-03-31", "outcome": "nfa"}]
    write_family(raw, "DEN", "case", {"children": CHILDREN, "referrals": REFERRALS, "assessments": assessments,
                                      "contacts": march})
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_OK
    before = (wh / "warehouse.duckdb").read_bytes()
    # next night every assessment has lost its authorisation date: A2 has no denominator
    # in any month (40 a month before: under the month-on-month check's 100)
    write_table(raw, "DEN", "assessments", [dict(a, authorisation_date="") for a in assessments])
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_BLOCKED
    assert (wh / "warehouse.duckdb").read_bytes() == before
    assert [(f[0], f[1]) for f in findings(wh)] == [
        ("marts.indicator_values", "denominators against the last publication")]


def test_negative_or_absurd_amounts_are_findings_on_their_source_rows(tmp_path):
    """Issue 16: FTE -5, days lost -99,999,999 and a population of -100 got no finding."""
    raw, wh = tmp_path / "raw", tmp_path / "wh"
    write_family(raw, "AMT", "case", {"children": CHILDREN, "referrals": REFERRALS})
    staff = [{"worker_id": f"W{i}", "agency_worker": "N", "frontline": "Y", "qualified_social_worker": "Y",
              "caseholding": "Y", "fte": fte, "start_date": "2015-01-01"} for i, fte in enumerate(["1", "-5", "1.5"])]
    absences = [{"absence_id": "A1", "worker_id": "W0", "start_date": "2016-01-04", "working_days_lost": "-99999999"},
                {"absence_id": "A2", "worker_id": "W0", "start_date": "2016-02-01", "working_days_lost": "366"}]
    write_family(raw, "AMT", "workforce", {"staff": staff, "absences": absences})
    write_family(raw, "AMT", "reference", {"population": [{"year": "2016", "age": "5", "population": "-100"}]})
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_BLOCKED
    found = sorted((f[0], f[3], f[5]) for f in findings(wh) if f[1] == "amounts plausible")
    # staff row 2 (-5; 1.5 is the highest plausible FTE), absence row 1 (366 days is not
    # absurd), the population row
    assert found == [("AMT/reference/population.csv", "population", [1]),
                     ("AMT/workforce/absences.csv", "working_days_lost", [1]),
                     ("AMT/workforce/staff.csv", "fte", [2])]
