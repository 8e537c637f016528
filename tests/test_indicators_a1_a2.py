"""A1 and A2 on hand-made cases, through the whole pipeline (load, dbt, checks, publish).

Each authority folder holds one scenario; expected numerators and denominators were
worked out by hand and are written here, not computed.
"""

import os

from decimal import Decimal

import duckdb
import pytest

from tests.conftest import pseudonym, run_warehouse
from tests.rawdata import assessment, referral, write_family

CHILDREN = [{"child_id": c, "sex": "M", "birth_date": "2010-01-01"} for c in ("P", "Q", "R", "S", "T")]




@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    # A1: the contact on 2014-01-01 starts the case extract's coverage, so the rolling
    # 12-month A1 is reported from December 2014.
    write_family(raw, "TA1", "case", {
        "children": CHILDREN,
        "contacts": [{"contact_id": "K1", "child_id": "P", "contact_date": "2014-01-01", "outcome": "referral"}],
        "referrals": [
            # P: 12 months less a day after a first referral closed with no further action -> re-referral
            referral("P1", "P", "2015-05-10", nfa="Y"), referral("P2", "P", "2016-05-09"),
            # Q: 12 months and a day -> not a re-referral
            referral("Q1", "Q", "2015-06-10"), referral("Q2", "Q", "2016-06-11"),
            # R: a child's first referral -> not a re-referral
            referral("R1", "R", "2016-06-15"),
            # S: exactly 12 months (the same calendar date) -> re-referral (documented choice)
            referral("S1", "S", "2015-07-01"), referral("S2", "S", "2016-07-01"),
        ],
    })
    write_family(raw, "TA2", "case", {
        "children": CHILDREN,
        # the extract runs to March 2017, so the January-March quarter is complete
        "contacts": [{"contact_id": "K9", "child_id": "T", "contact_date": "2017-03-15", "outcome": "nfa"}],
        "referrals": [referral("RT", "T", "2016-12-01")],
        "assessments": [
            # Started Mon 19 Dec 2016. Working days after it: 20-23 Dec (4), 28-30 Dec (3;
            # 26 and 27 Dec are bank holidays), 3-6 Jan (4; 2 Jan is the New Year holiday),
            # then five a week to Thu 23 Feb 2017 = 45. Fri 24 Feb = 46.
            assessment("X45", "2016-12-19", "2017-02-23"),
            assessment("X46", "2016-12-19", "2017-02-24"),
            # same-day authorisation: 0 working days
            assessment("Y0", "2017-02-10", "2017-02-10"),
        ],
    })
    write_family(raw, "TA3", "case", {
        "children": CHILDREN,
        "contacts": [{"contact_id": "K8", "child_id": "T", "contact_date": "2017-03-15", "outcome": "nfa"}],
        "referrals": [referral("RT", "T", "2004-10-01")],
        "assessments": [
            # started in 2004, before the working-day calendar once began (2005): late, counted
            assessment("OLD", "2004-11-01", "2017-03-10"),
            # Wed 1 to Thu 2 March 2017: 1 working day, timely
            assessment("ONE", "2017-03-01", "2017-03-02"),
            # authorised before it started (row 3): left out, a finding
            assessment("REV", "2017-03-10", "2017-03-01"),
        ],
    })
    wh = tmp_path_factory.mktemp("warehouse")
    result, summary = run_warehouse(raw, wh)
    assert summary["published"], summary
    con = duckdb.connect(str(wh / "warehouse.duckdb"), read_only=True)
    yield con
    con.close()


def value(con, la, definition, period_type, period_start):
    rows = con.execute(
        "select numerator, denominator, value from marts.indicator_values "
        "where la_code = ? and definition_id = ? and period_type = ? and period_start = ?",
        [la, definition, period_type, period_start],
    ).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_a1_rolling_twelve_months_to_july_2016(warehouse):
    # window 1 Aug 2015 - 31 Jul 2016: P2, Q2, R1, S2; re-referrals P2 and S2
    assert value(warehouse, "TA1", "A1_v1", "month", "2016-07-01") == (2, 4, 50.0)


def test_a1_may_2016_window_keeps_the_older_referrals(warehouse):
    # window 1 Jun 2015 - 31 May 2016: Q1, S1, P2; re-referral P2 only
    assert value(warehouse, "TA1", "A1_v1", "month", "2016-05-01") == (1, 3, Decimal("33.3333"))


def test_a1_quarter_takes_its_last_month(warehouse):
    # Q2 2016/17 = June 2016: window 1 Jul 2015 - 30 Jun 2016: S1, P2, Q2, R1; re-referral P2
    assert value(warehouse, "TA1", "A1_v1", "quarter", "2016-04-01") == (1, 4, 25.0)


def test_a1_not_reported_before_twelve_months_of_data(warehouse):
    first = warehouse.execute(
        "select min(period_start) from marts.indicator_values where la_code = 'TA1' and definition_id = 'A1_v1'"
    ).fetchone()[0]
    assert str(first) == "2014-12-01"


def test_a1_evidence_names_the_re_referrals(warehouse):
    # published evidence carries pseudonyms: the keyed hashes of P2 and S2
    key = os.environ["CSC_HMAC_KEY"].encode()
    rows = warehouse.execute(
        "select subject_id from marts.indicator_evidence where la_code = 'TA1' and definition_id = 'A1_v1' "
        "and in_numerator and period_start between '2015-08-01' and '2016-07-01'"
    ).fetchall()
    assert sorted(r[0] for r in rows) == sorted(pseudonym(key, "TA1", r) for r in ("P2", "S2"))


def test_a2_bank_holidays_and_same_day(warehouse):
    # February 2017: X45 (45 working days, timely), X46 (46, late), Y0 (same day, timely)
    assert value(warehouse, "TA2", "A2_v1", "month", "2017-02-01") == (2, 3, Decimal("66.6667"))


def test_a2_quarter_adds_its_months(warehouse):
    # Q4 2016/17 (Jan-Mar 2017): only the February assessments
    assert value(warehouse, "TA2", "A2_v1", "quarter", "2017-01-01") == (2, 3, Decimal("66.6667"))


def test_a2_quarter_is_absent_until_all_its_months_are_covered(warehouse):
    # the extract ends in March 2017: April-June 2017 is not reported at all
    rows = warehouse.execute("select count(*) from marts.indicator_values where la_code = 'TA2' "
                             "and period_start >= '2017-04-01'").fetchone()
    assert rows == (0,)


def test_a2_counts_an_assessment_started_years_before_and_names_one_authorised_before_it_started(warehouse):
    # March 2017: OLD (started 2004, late) and ONE (timely); REV is left out, its row named
    assert value(warehouse, "TA3", "A2_v1", "month", "2017-03-01") == (1, 2, Decimal("50.0000"))
    rows = warehouse.execute("select source, severity, row_numbers from quality.findings "
                             "where check_name = 'assessment authorised before it started'").fetchall()
    assert rows == [("TA3/case/assessments.csv", "WARN", [3])]


def test_a2_month_with_no_assessments_has_no_value(warehouse):
    assert value(warehouse, "TA2", "A2_v1", "month", "2017-01-01") == (0, 0, None)
