"""Children in care measures (B8-B14 and the operational counts) on hand-made cases.

One pipeline run; each authority folder is a scenario. Expected numerators and
denominators were worked out by hand from the dates written here (docs/
indicators_children_in_care.md gives the rules and day-count conventions). Values come
from the published warehouse; which child is in which numerator comes from its
evidence, each pseudonym read back as the child of the build file's extracts it stands for.

Month end 31 March 2017 throughout unless said: 30 months before is 30 September 2014,
two years before is 31 March 2015, and the B10 window is 1 April 2016 - 31 March 2017.
"""

import os
from pathlib import Path

from decimal import Decimal

import duckdb
import pytest

from tests.conftest import indicator_value, pseudonym, run_warehouse
from tests.rawdata import write_family

MARCH_2017 = "2017-03-01"
YEAR = 2017  # the SSDA903 collection year ending 31 March 2017: coverage April 2016 - March 2017


def header(cid, dob="01/01/2008"):
    return {"CHILD": cid, "SEX": "1", "DOB": dob}


def episode(cid, start, rne, place, provider="PR1", end="", rec="", ls="C2", urn=""):
    return {"CHILD": cid, "DECOM": start, "RNE": rne, "LS": ls, "PLACE": place, "PLACE_PROVIDER": provider,
            "DEC": end, "REC": rec, "URN": urn}


def history(cid, *steps, ls="C2"):
    """Episodes of one period of care: steps are (start, rne, place[, provider[, ls]]); each
    ends X1 on the next one's start, the last is open."""
    rows = []
    for i, step in enumerate(steps):
        start, rne, place, *rest = step
        provider = rest[0] if rest else "PR1"
        status = rest[1] if len(rest) > 1 else ls
        nxt = steps[i + 1][0] if i + 1 < len(steps) else ""
        rows.append(episode(cid, start, rne, place, provider, nxt, "X1" if nxt else "", status))
    return rows


def placement(raw, la, children, episodes, oc3=(), missing=None):
    tables = {"ssda903_header": children, "ssda903_episodes": episodes, "ssda903_oc3": list(oc3)}
    if missing is not None:
        tables["ssda903_missing"] = missing
    write_family(raw, la, "placement", tables, year=YEAR)


def care_leaver(cid, dob, in_touch, activ, accom):
    return {"CHILD": cid, "DOB": dob, "IN_TOUCH": in_touch, "ACTIV": activ, "ACCOM": accom}


def proceedings(pid, cid, issue, disposal=""):
    return {"proceedings_id": pid, "child_id": cid, "issue_date": issue, "disposal_date": disposal}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")

    # B9: children under 16 looked after 30 months; same carer for 2 years
    b9 = [
        *history("B30IN", ("30/09/2014", "S", "U4")),                      # 30 months exactly: in
        *history("B30OUT", ("01/10/2014", "S", "U4")),                     # a day short: out
        *history("B2YIN", ("01/01/2014", "S", "U6"), ("31/03/2015", "P", "U4", "PR4")),   # same carer 2 years
        *history("B2YOUT", ("01/01/2014", "S", "U6"), ("01/04/2015", "P", "U4", "PR4")),  # a day short
        *history("BHOSP", ("01/01/2014", "S", "U4"), ("01/06/2016", "P", "T1", "PR3"),    # hospital and back:
                 ("10/06/2016", "P", "U4")),                                               # no move
        *history("BLEGAL", ("01/01/2014", "S", "U4", "PR1", "C1"), ("01/01/2016", "L", "U4", "PR1", "C2")),
        *history("BADOPT", ("01/01/2014", "S", "U4"), ("01/09/2016", "P", "A5", "PR1", "E1")),  # foster carer adopts
        *history("BADNEW", ("01/01/2014", "S", "U6"), ("01/03/2015", "P", "U4", "PR4"),
                 ("01/10/2016", "P", "A6", "PR1", "E1")),                  # adopters + previous carer: 2 years
        *history("BADNEW2", ("01/01/2014", "S", "U6"), ("01/06/2015", "P", "U4", "PR4"),
                 ("01/10/2016", "P", "A6", "PR1", "E1")),                  # together less than 2 years
        *history("BV4", ("01/01/2014", "S", "U4", "PR1", "V4"), ("01/01/2015", "L", "U4", "PR1", "C2")),
        *history("BOLD", ("01/01/2014", "S", "U4")),                       # 16 on the month end
        *history("BYOUNG", ("01/01/2014", "S", "U4")),                     # 16 the day after
    ]
    kids = {e["CHILD"] for e in b9}
    placement(raw, "TB9", [header(c, {"BOLD": "31/03/2001", "BYOUNG": "01/04/2001"}.get(c, "01/01/2008"))
                           for c in sorted(kids)], b9)

    # B10: placements in the 12 months 1 April 2016 - 31 March 2017
    b10 = [
        *history("THREE", ("01/01/2016", "S", "U6"), ("01/06/2016", "P", "U4", "PR4"),
                 ("01/11/2016", "P", "U4", "PR5")),
        *history("TWO", ("01/01/2016", "S", "U6"), ("01/04/2016", "P", "U4", "PR4"),   # the first ended on the
                 ("01/11/2016", "P", "U4", "PR5")),                                     # window's first day
        *history("THREEB", ("01/01/2016", "S", "U6"), ("02/04/2016", "P", "U4", "PR4"),  # ... a day later
                 ("01/11/2016", "P", "U4", "PR5")),
        *history("TLEG", ("01/01/2016", "S", "U4", "PR1", "C1"), ("01/06/2016", "L", "U4", "PR1", "C2"),
                 ("01/08/2016", "T", "U1", "PR1", "C2"), ("01/10/2016", "P", "U6", "PR5", "C2")),
        *history("THOSP", ("01/01/2016", "S", "U4"), ("01/07/2016", "P", "T1", "PR3"), ("15/07/2016", "P", "U4")),
        *history("TAWAY", ("01/01/2016", "S", "U4"), ("01/07/2016", "P", "T4"), ("05/07/2016", "P", "U6", "PR4")),
        # short breaks: in a V3 break at the month end
        episode("TV3", "01/02/2017", "S", "K2", end="04/02/2017", rec="E4A", ls="V3"),
        episode("TV3", "01/03/2017", "S", "K2", end="04/03/2017", rec="E4A", ls="V3"),
        episode("TV3", "30/03/2017", "S", "K2", ls="V3"),
        # short breaks earlier, then in full-time care: the breaks are not placements
        episode("TV3B", "01/05/2016", "S", "K2", end="03/05/2016", rec="E4A", ls="V3"),
        episode("TV3B", "01/06/2016", "S", "K2", end="03/06/2016", rec="E4A", ls="V3"),
        *history("TV3B", ("01/09/2016", "S", "U4")),
        *history("TSAME", ("01/01/2016", "S", "U4")),
        # overlapping episodes (a DfE rule broken): both left out, and reported
        episode("TOVER", "01/01/2016", "S", "U4"),
        episode("TOVER", "01/06/2016", "P", "U6", end="01/12/2016", rec="E4A"),
    ]
    missing = [
        {"CHILD": "THREE", "MISSING": "M", "MIS_START": "10/02/2017", "MIS_END": "11/02/2017"},  # a day: counts
        {"CHILD": "THREE", "MISSING": "M", "MIS_START": "15/03/2017", "MIS_END": "15/03/2017"},  # same day: no
        {"CHILD": "THREE", "MISSING": "A", "MIS_START": "01/03/2017", "MIS_END": "05/03/2017"},  # away: no
        {"CHILD": "THREE", "MISSING": "M", "MIS_START": "20/12/2016", "MIS_END": "22/12/2016"},  # December
        {"CHILD": "THREE", "MISSING": "M", "MIS_START": "25/03/2017"},                           # still open
        {"CHILD": "THREE", "MISSING": "M", "MIS_START": "10/01/2017", "MIS_END": "09/01/2017"},  # ends first
    ]
    kids = {e["CHILD"] for e in b10}
    placement(raw, "TB10", [header(c) for c in sorted(kids)], b10, missing=missing)

    # care leavers: birthdays in March 2017 (collection year 2017)
    leavers = [
        care_leaver("L19LAST", "31/03/1998", "YES", "F2", "U1"),   # 19 on 31 March 2017, the period's last day
        care_leaver("L19APR", "01/04/1998", "YES", "F2", "U1"),    # 18 on 1 April 2016: no measure this year
        care_leaver("L19NO", "15/03/1998", "NO", "0", "0"),        # not in touch: in the denominator
        care_leaver("L19DIED", "10/03/1998", "DIED", "0", "0"),
        care_leaver("L19RHOM", "05/03/1998", "RHOM", "0", "0"),
        care_leaver("L19TRANS", "20/03/1998", "YES", "F1", "B1"),  # care transferred to another authority (E3)
        care_leaver("L19UNS", "02/03/1998", "NREQ", "P4", "Y2"),   # EET, unsuitable accommodation
        care_leaver("L20", "12/03/1997", "YES", "G4", "C1"),       # 20: illness or disability
        care_leaver("L21", "01/03/1996", "YES", "G5", "S2"),       # 21
    ]
    cl_episodes = [
        episode("L19TRANS", "01/01/2010", "S", "U4", end="01/01/2015", rec="E3"),
        episode("L19LAST", "01/01/2010", "S", "U4", end="31/03/2016", rec="E17"),
    ]
    placement(raw, "TCL", [header(c["CHILD"], c["DOB"]) for c in leavers], cl_episodes, oc3=leavers)

    # B8: care proceedings
    write_family(raw, "TB8", "case", {
        "children": [{"child_id": "K1", "sex": "F", "birth_date": "2010-01-01"}],
        "contacts": [{"contact_id": "KC1", "child_id": "K1", "contact_date": "2016-01-01", "outcome": "nfa"},
                     {"contact_id": "KC2", "child_id": "K1", "contact_date": "2017-03-31", "outcome": "nfa"}],
        "care_proceedings": [
            proceedings("P1", "K1", "2016-09-01", "2017-03-02"),   # 182 days = 26 weeks: within
            proceedings("P2", "K2", "2016-09-01", "2017-03-03"),   # 183 days: not within
            proceedings("P3", "K3", "2016-12-01", "2017-03-10"),   # siblings in one set of proceedings,
            proceedings("P3", "K4", "2016-12-01", "2017-03-20"),   # disposed of when the last part is: 109 days
            proceedings("P4", "K5", "2016-09-30"),                 # open: 182 days old at 31 March: not on track
            proceedings("P5", "K6", "2016-10-01"),                 # open: 181 days: on track
            proceedings("P8", "K9", "2016-09-29"),                 # open: 183 days: not on track
            proceedings("P6", "K7", "2016-12-01", "2017-02-15"),   # February: 76 days
            proceedings("P7", "K8", "2017-03-10", "2017-03-01"),   # disposed of before issue: left out
        ],
    })

    wh = tmp_path_factory.mktemp("wh")
    _, summary = run_warehouse(raw, wh)
    assert summary["published"], summary
    published = duckdb.connect(str(wh / "warehouse.duckdb"), read_only=True)
    build = duckdb.connect(str(wh / "build" / "build.duckdb"), read_only=True)
    yield published, build
    published.close()
    build.close()


value = indicator_value


def evidence(build, la, definition, period_start=MARCH_2017):
    """{child: (in_numerator, cohort)} from the published evidence, its pseudonyms read back
    as the children of the build file's SSDA903 extracts they stand for."""
    key = os.environ["CSC_HMAC_KEY"].encode()
    children = {pseudonym(key, la, c): c for (c,) in build.execute(
        'select distinct "CHILD" from raw.ssda903_header where la_code = ? union '
        'select distinct "CHILD" from raw.ssda903_episodes where la_code = ?', [la, la]).fetchall()}
    build_file = build.execute("select path from duckdb_databases() where database_name = 'build'").fetchone()[0]
    published = duckdb.connect(str(Path(build_file).parent.parent / "warehouse.duckdb"), read_only=True)
    try:
        rows = published.execute(
            "select child_id, in_numerator, cohort from marts.indicator_evidence where la_code = ? "
            "and definition_id = ? and period_start = ?", [la, definition, period_start]).fetchall()
    finally:
        published.close()
    return {children[r[0]]: (r[1], r[2]) for r in rows}


# ---------------------------------------------------------------- B9


def test_b9_value(warehouse):
    published, _ = warehouse
    # denominator: B30IN, B2YIN, B2YOUT, BHOSP, BLEGAL, BADOPT, BADNEW, BADNEW2, BYOUNG
    # numerator: all but B2YOUT and BADNEW2
    assert value(published, "TB9", "B9_v1", MARCH_2017) == (7, 9, Decimal("77.7778"))


def test_b9_30_month_boundary(warehouse):
    _, build = warehouse
    b9 = evidence(build, "TB9", "B9_v1")
    assert b9["B30IN"] == (True, "same carer")   # started 30 Sep 2014: + 30 months = 30 Mar 2017 <= 31 Mar
    assert "B30OUT" not in b9                     # started 1 Oct 2014: + 30 months = 1 Apr 2017


def test_b9_two_year_boundary_on_the_same_carer(warehouse):
    _, build = warehouse
    b9 = evidence(build, "TB9", "B9_v1")
    assert b9["B2YIN"] == (True, "same carer")    # with this carer since 31 Mar 2015: exactly 2 years
    assert b9["B2YOUT"] == (False, "moved")       # since 1 Apr 2015: a day short


def test_b9_no_move_for_hospital_stay_legal_change_or_adoption_by_the_foster_carer(warehouse):
    _, build = warehouse
    b9 = evidence(build, "TB9", "B9_v1")
    assert b9["BHOSP"] == (True, "same carer")    # T1 for 9 days, then back to the same placement
    assert b9["BLEGAL"] == (True, "same carer")   # RNE L: C1 to C2 only
    assert b9["BADOPT"] == (True, "same carer")   # A5: placed for adoption with the current foster carer
    spells = build.execute(
        "select child_id, count(*), min(spell_start_date)::varchar from intermediate.int_carer_spells "
        "where la_code = 'TB9' and child_id in ('BHOSP', 'BLEGAL', 'BADOPT') group by 1 order by 1").fetchall()
    assert spells == [("BADOPT", 1, "2014-01-01"), ("BHOSP", 1, "2014-01-01"), ("BLEGAL", 1, "2014-01-01")]


def test_b9_adoptive_placement_counts_with_the_one_before_it(warehouse):
    _, build = warehouse
    b9 = evidence(build, "TB9", "B9_v1")
    assert b9["BADNEW"] == (True, "adoption")     # previous carer from 1 Mar 2015: together 2 years
    assert b9["BADNEW2"] == (False, "moved")      # previous carer from 1 Jun 2015


def test_b9_under_16_and_short_breaks(warehouse):
    _, build = warehouse
    b9 = evidence(build, "TB9", "B9_v1")
    assert "BOLD" not in b9                       # 16th birthday on the month end: not under 16
    assert b9["BYOUNG"] == (True, "same carer")   # 16th birthday the day after
    assert "BV4" not in b9                        # a V4 agreement within the 30 months


# ---------------------------------------------------------------- B10


def test_b10_value(warehouse):
    published, _ = warehouse
    # denominator: THREE, TWO, THREEB, TLEG, THOSP, TAWAY, TV3B, TSAME; numerator THREE, THREEB
    assert value(published, "TB10", "B10_v1", MARCH_2017) == (2, 8, 25.0)


def test_b10_exactly_three_and_two_placements_in_the_window(warehouse):
    _, build = warehouse
    b10 = evidence(build, "TB10", "B10_v1")
    assert b10["THREE"] == (True, "3")
    assert b10["TWO"] == (False, "2")       # its first placement ended on 1 April 2016, the window's first day
    assert b10["THREEB"] == (True, "3")     # ... ended 2 April 2016: open on the window's first day


def test_b10_moves_that_are_not_moves(warehouse):
    _, build = warehouse
    b10 = evidence(build, "TB10", "B10_v1")
    assert b10["TLEG"] == (False, "2")      # S, L (legal status only), T (same carer), P: two carers
    assert b10["THOSP"] == (False, "1")     # a hospital stay and the return to the same placement
    assert b10["TAWAY"] == (False, "2")     # a temporary stay then a different placement: one move
    assert b10["TSAME"] == (False, "1")


def test_b10_short_breaks(warehouse):
    _, build = warehouse
    b10 = evidence(build, "TB10", "B10_v1")
    assert "TV3" not in b10                 # in a V3 short break at the month end
    assert b10["TV3B"] == (False, "1")      # earlier V3 breaks are not placements
    breaks = build.execute("select count(*) from intermediate.int_short_break_episodes "
                           "where la_code = 'TB10' and child_id in ('TV3', 'TV3B')").fetchone()[0]
    assert breaks == 5


def test_overlapping_episodes_are_excluded_and_reported(warehouse):
    published, build = warehouse
    assert "TOVER" not in evidence(build, "TB10", "B10_v1")
    flagged = build.execute(
        "select _row_number, is_excluded, exclusion_reason from intermediate.int_ssda903_episode_checks "
        "where la_code = 'TB10' and child_id = 'TOVER' order by 1").fetchall()
    assert [(f[1], f[2]) for f in flagged] == [(True, "overlaps another episode")] * 2
    findings = published.execute(
        "select severity, rows_affected, row_numbers from quality.findings "
        "where la_code = 'TB10' and check_name = 'episodes overlap'").fetchall()
    assert findings == [("WARN", 2, [f[0] for f in flagged])]


# ---------------------------------------------------------------- operational counts


def test_children_looked_after_in_house_foster_and_out_of_authority(warehouse):
    published, _ = warehouse
    # looked after at 31 March 2017: the eight B10 children and TOVER, whose overlapping
    # episodes are excluded from the history but who is still looked after (TV3 is in a
    # short break)
    assert value(published, "TB10", "OP_CLA", MARCH_2017)[2] == 9
    # U1-U6 with PR1: THOSP, TV3B, TSAME (TOVER's placement is not known: left out)
    assert value(published, "TB10", "OP_CLA_IN_HOUSE_FOSTER", MARCH_2017)[2] == 3
    # PR2-PR5: THREE, TWO, THREEB (PR5), TLEG (PR5), TAWAY (PR4); of the eight without TOVER
    assert value(published, "TB10", "OP_CLA_OUT_OF_AUTHORITY", MARCH_2017) == (5, 8, 62.5)


def test_missing_episodes_over_24_hours_rolling_3_months(warehouse):
    published, _ = warehouse
    # January - March 2017: 10 Feb (a day) and 25 Mar (open); not the same-day one, the
    # away one, nor the one that ends before it starts
    assert value(published, "TB10", "OP_MISSING_24H", MARCH_2017)[2] == 2
    # December - February: 20 Dec and 10 Feb
    assert value(published, "TB10", "OP_MISSING_24H", "2017-02-01")[2] == 2


# ---------------------------------------------------------------- care leavers


def test_care_leavers_aged_19(warehouse):
    published, build = warehouse
    # the Year 1 cohort comes from the episodes (tests/test_care_leavers_year1.py has its
    # boundaries): 19 in March 2017 and looked after on 1 April 2014 (aged 16), L19LAST
    # (suitable, EET) and L19TRANS (transferred: left out). L19NO and L19UNS are in the OC3
    # but have no episode, so in no B11/B12 figure (2016/17 is not a Year 1 contract year:
    # no comparison finding)
    assert value(published, "TCL", "B11_v1", MARCH_2017) == (1, 1, 100.0)
    assert value(published, "TCL", "B12_v1", MARCH_2017) == (1, 1, 100.0)
    assert evidence(build, "TCL", "B11_v1")["L19LAST"] == (True, "19")   # birthday on the period's last day
    assert value(published, "TCL", "B11_v1", "2017-02-01")[1:] == (0, None)


def test_care_leavers_aged_19_to_21(warehouse):
    published, _ = warehouse
    # + L20 (suitable; G4) and L21 (S2; G5)
    assert value(published, "TCL", "B13_v1", MARCH_2017) == (2, 5, 40.0)
    assert value(published, "TCL", "B14_v1", MARCH_2017) == (2, 5, 40.0)
    # without L20, unavailable through illness or disability
    assert value(published, "TCL", "OP_B_EET_AVAILABLE", MARCH_2017) == (2, 4, 50.0)


def test_care_leavers_who_died_returned_home_or_transferred_are_excluded(warehouse):
    _, build = warehouse
    b13 = evidence(build, "TCL", "B13_v1")
    assert set(b13) == {"L19LAST", "L19NO", "L19UNS", "L20", "L21"}
    reasons = dict(build.execute(
        "select child_id, excluded_reason from intermediate.int_care_leavers where la_code = 'TCL' "
        "and excluded_reason is not null").fetchall())
    assert reasons == {"L19DIED": "died", "L19RHOM": "returned home", "L19TRANS": "transferred"}
    assert b13["L19NO"] == (False, "19")


def test_a_birthday_in_the_next_collection_year_is_not_counted(warehouse):
    _, build = warehouse
    age = build.execute("select age_at_birthday, birthday_date::varchar from intermediate.int_ssda903_care_leaver_checks "
                        "where la_code = 'TCL' and child_id = 'L19APR'").fetchone()
    assert age == (18, "2016-04-01")


# ---------------------------------------------------------------- B8


def test_b8_average_weeks_of_proceedings_disposed_of(warehouse):
    published, _ = warehouse
    # P1 182 days, P2 183, P3 109 (the later sibling's disposal): (182 + 183 + 109) / 7 / 3
    assert value(published, "TB8", "B8_v1", MARCH_2017) == (
        Decimal("67.7143"), 3, Decimal("22.5714"))  # 474/7 weeks, over 3
    # the quarter adds January-March: + P6 (76 days)
    assert value(published, "TB8", "B8_v1", "2017-01-01", "quarter") == (
        Decimal("78.5714"), 4, Decimal("19.6429"))  # 550/7 weeks, over 4


def test_b8_on_track_for_26_weeks(warehouse):
    published, build = warehouse
    # One boundary: completed within 26 weeks = disposed of no more than 182 days after issue.
    # Disposed of in March: P1 (day 182, within), P2 (day 183, not), P3 (day 109, within).
    # Open at 31 March, so disposed of on 1 April at the earliest: P5 (181 days old, could
    # still finish on day 182: on track); P4 (182 days old) and P8 (183) can finish on day
    # 183 or 184 at the earliest: not on track
    assert value(published, "TB8", "B8_v2", MARCH_2017) == (3, 6, 50.0)
    on_track = dict(build.execute(
        "select subject_id, in_numerator from intermediate.int_evidence where la_code = 'TB8' "
        "and definition_id = 'B8_v2' and period_start = '2017-03-01'").fetchall())
    assert on_track == {"P1": True, "P2": False, "P3": True, "P4": False, "P5": True, "P8": False}


def test_measures_needing_a_missing_family_are_absent(warehouse):
    published, _ = warehouse
    count = "select count(*) from marts.indicator_values where la_code = ? and definition_id = ?"
    assert published.execute(count, ["TB9", "B8_v1"]).fetchone()[0] == 0    # no case extract
    assert published.execute(count, ["TB8", "B9_v1"]).fetchone()[0] == 0    # no SSDA903 extract
