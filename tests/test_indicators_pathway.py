"""Social care pathway measures A3-A8 and the operational counts on hand-made cases.

One pipeline run; each authority folder is a scenario. Expected numerators and
denominators were worked out by hand from the dates written here.
"""

import duckdb
import pytest

from tests.conftest import run_warehouse
from tests.rawdata import write_family

MARCH_2017 = "2017-03-01"


def child(cid, dob="2010-06-01"):
    return {"child_id": cid, "sex": "F", "birth_date": dob}


def contact(kid, cid, date):
    return {"contact_id": kid, "child_id": cid, "contact_date": date, "outcome": "nfa"}


def cp_plan(pid, cid, start, end="", previous=""):
    return {"cp_plan_id": pid, "referral_id": "R-" + cid, "child_id": cid, "start_date": start,
            "end_date": end, "number_of_previous_cpp": previous}


def visit(vid, cid, date, seen="Y", kind="CP"):
    return {"visit_id": vid, "child_id": cid, "visit_date": date, "visit_type": kind, "child_seen": seen}


def coverage(cid, first, last):
    """Contacts that make the case extract cover first..last."""
    return [contact(f"K-{cid}-1", cid, first), contact(f"K-{cid}-2", cid, last)]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")

    # A3: March 2017 routine audits graded O, G, RI, I (+ a thematic one, not counted)
    grades = ["outstanding", "good", "requires_improvement", "inadequate"]
    audits = [{"audit_id": f"AU{i}", "child_id": "C1", "audit_date": "2017-03-10", "audit_type": "routine",
               "overall_grade": g} for i, g in enumerate(grades)]
    audits.append({"audit_id": "AU9", "child_id": "C1", "audit_date": "2017-03-11", "audit_type": "thematic",
                   "overall_grade": "good"})
    write_family(raw, "TA3", "case", {"children": [child("C1")], "contacts": coverage("C1", "2017-01-01", "2017-03-31"),
                                      "case_audits": audits})

    # A4: month end 31 March 2017
    write_family(raw, "TA4", "case", {
        "children": [child(c) for c in "ABC"],
        "contacts": coverage("A", "2017-01-01", "2017-03-31"),
        "cp_plans": [
            cp_plan("PA", "A", "2017-03-03"),  # 28 days on plan at month end: not in A4 Year 1
            cp_plan("PB", "B", "2017-03-02"),  # 29 days: in
            cp_plan("PC", "C", "2017-01-01"),
        ],
        "visits": [
            visit("VB1", "B", "2017-03-17"),             # 14 days before month end: outside the 2 weeks;
                                                         # 11 working days after the plan start: late
            visit("VC0", "C", "2017-02-15"),
            visit("VC1", "C", "2017-03-01"),             # 10 working days after 15 Feb: in time
            visit("VC2", "C", "2017-03-15"),             # 10 working days: in time
            visit("VC3", "C", "2017-03-18", seen="N"),   # 13 days before month end; child not seen
        ],
    })

    # A5: plans starting in March 2017
    write_family(raw, "TA5", "case", {
        "children": [child(c) for c in "DEFG"],
        "contacts": coverage("D", "2014-01-01", "2017-03-31"),
        "cp_plans": [
            cp_plan("PD1", "D", "2014-01-10", "2015-03-10"), cp_plan("PD2", "D", "2017-03-10"),  # exactly 2 years
            cp_plan("PE1", "E", "2014-01-10", "2015-03-09"), cp_plan("PE2", "E", "2017-03-10"),  # 2 years and a day
            cp_plan("PF", "F", "2017-03-20", previous="1"),  # a plan before the system's records
            cp_plan("PG", "G", "2017-03-25", previous="0"),  # a first plan
        ],
    })

    # A6: day counts around 729 days including the day of cessation, across the 2016 leap day
    write_family(raw, "TA6", "case", {
        "children": [child(c) for c in "HIJKL"],
        "contacts": coverage("H", "2015-12-01", "2017-12-31"),
        "cp_plans": [
            cp_plan("PH", "H", "2016-01-01", "2017-12-30"),  # end - start = 729: 730 days > 729: counts
            cp_plan("PI", "I", "2016-01-02", "2017-12-30"),  # 728: 729 days: does not
            cp_plan("PJ", "J", "2015-12-01", "2017-12-15"),  # counts
            cp_plan("PK", "K", "2015-12-02"),                # at 30 Nov 2017: 730 days: counts
            cp_plan("PL", "L", "2015-12-03"),                # at 30 Nov 2017: 729 days: does not
        ],
    })

    # A7, A8, caseloads: month end 31 March 2017
    many = [f"Z{i:02d}" for i in range(26)]
    staff = [
        {"worker_id": "W1", "agency_worker": "N", "frontline": "Y", "qualified_social_worker": "Y",
         "caseholding": "Y", "fte": "1", "start_date": "2010-01-01"},
        {"worker_id": "W2", "agency_worker": "N", "frontline": "Y", "qualified_social_worker": "N",
         "caseholding": "Y", "fte": "1", "start_date": "2010-01-01"},
        {"worker_id": "W3", "agency_worker": "Y", "frontline": "Y", "qualified_social_worker": "Y",
         "caseholding": "Y", "fte": "1", "start_date": "2010-01-01"},
    ]
    allocation = lambda cid, wid: {"allocation_id": f"AL-{cid}", "child_id": cid, "worker_id": wid,  # noqa: E731
                                   "start_date": "2017-01-01"}
    referral = lambda cid: {"referral_id": "R-" + cid, "child_id": cid, "referral_date": "2016-12-01",  # noqa: E731
                            "referral_nfa": "N"}
    assessment = lambda cid, when: {"assessment_id": "S-" + cid, "referral_id": "R-" + cid,  # noqa: E731
                                    "child_id": cid, "start_date": "2016-12-02", "authorisation_date": when}
    write_family(raw, "TA7", "case", {
        "children": [child(c) for c in ["M", "N", "O", "P", "Q", "S", *many]],
        "contacts": coverage("M", "2016-06-01", "2017-03-31"),
        "referrals": [referral(c) for c in "MNOPQS"],
        "assessments": [assessment(c, "2017-01-20") for c in "MNOPS"] + [assessment("Q", "2017-04-05")],
        "cp_plans": [cp_plan("PM", "M", "2017-01-01"), cp_plan("PO", "O", "2017-01-01")],
        "cin_plans": [{"cin_plan_id": "CP-P", "referral_id": "R-P", "child_id": "P", "start_date": "2017-02-01"}],
        "allocations": [allocation("M", "W1"), allocation("N", "W2")] + [allocation(c, "W3") for c in many],
    })
    write_family(raw, "TA7", "workforce", {"staff": staff, "supervisions": [
        {"supervision_id": "SV1", "worker_id": "W1", "supervision_date": "2017-03-31"}]})
    write_family(raw, "TA7", "placement", {
        "ssda903_header": [{"CHILD": "N", "SEX": "1", "DOB": "01/06/2010"}],
        "ssda903_episodes": [{"CHILD": "N", "DECOM": "15/01/2017", "RNE": "S", "LS": "C2", "PLACE": "U4",
                              "PLACE_PROVIDER": "PR1"}],
    }, year=2017)

    # A4 2018/19: children seen in their cohort's timescale at 31 March 2017
    kids = ["U", "V", "W", "X", "Y", "Z"]
    write_family(raw, "TA8", "case", {
        "children": [child(c) for c in kids],
        "contacts": coverage("U", "2016-06-01", "2017-03-31"),
        "referrals": [{"referral_id": "R-" + c, "child_id": c, "referral_date": "2017-01-01", "referral_nfa": "N"}
                      for c in kids],
        "cp_plans": [cp_plan("PW", "W", "2017-01-01"), cp_plan("PX", "X", "2017-01-01")],
        "visits": [
            visit("VU", "U", "2017-03-03", kind="CIN"),  # CIN: 28 days before the month end: in time
            visit("VV", "V", "2017-03-02", kind="CIN"),  # 29 days: overdue
            visit("VW", "W", "2017-03-17"),              # CP: 10 working days before: in time
            visit("VX", "X", "2017-03-16"),              # 11 working days: overdue
        ],
    })
    write_family(raw, "TA8", "placement", {
        "ssda903_header": [{"CHILD": c, "SEX": "1", "DOB": "01/06/2010"} for c in "YZ"],
        "ssda903_episodes": [  # looked after, not yet visited in the placement
            {"CHILD": "Y", "DECOM": "27/03/2017", "RNE": "S", "LS": "C2", "PLACE": "U4", "PLACE_PROVIDER": "PR1"},
            {"CHILD": "Z", "DECOM": "20/03/2017", "RNE": "S", "LS": "C2", "PLACE": "U4", "PLACE_PROVIDER": "PR1"},
        ],
    }, year=2017)

    wh = tmp_path_factory.mktemp("wh")
    _, summary = run_warehouse(raw, wh)
    assert summary["published"], summary
    con = duckdb.connect(str(wh / "warehouse.duckdb"), read_only=True)
    yield con
    con.close()


def month(con, la, definition, period_start):
    rows = con.execute(
        "select numerator, denominator, value from marts.indicator_values where la_code = ? "
        "and definition_id = ? and period_type = 'month' and period_start = ?", [la, definition, period_start]
    ).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_a3_requires_improvement_or_better_of_routine_audits(warehouse):
    assert month(warehouse, "TA3", "A3_v1", MARCH_2017) == (3, 4, 75.0)
    grades = warehouse.execute(
        "select cohort, count(*) from marts.indicator_evidence where la_code = 'TA3' and definition_id = 'A3_v1' "
        "group by 1 order by 1").fetchall()
    assert grades == [("good", 1), ("inadequate", 1), ("outstanding", 1), ("requires_improvement", 1)]


def test_a4_year1_more_than_28_days_and_the_two_week_window(warehouse):
    # in: B (29 days) and C; A (28 days) out. B's only visit is 14 days back: not visited
    assert month(warehouse, "TA4", "A4_v1", MARCH_2017) == (1, 2, 50.0)


def test_a4_year2_cp_visits_within_10_working_days_and_seen(warehouse):
    # March CP visits: VC1, VC2 in time; VC3 not seen; VB1 11 working days after the plan start
    assert month(warehouse, "TA4", "A4_v2", MARCH_2017) == (2, 4, 50.0)


def test_a4_2018_children_seen_in_their_cohort_timescale(warehouse):
    # in time: U (CIN, 28 days), W (CP, 10 working days), Y (CLA, placed 4 days ago)
    # overdue: V (29 days), X (11 working days), Z (placed 11 days ago, no visit within 7)
    assert month(warehouse, "TA8", "A4_v3", MARCH_2017) == (3, 6, 50.0)
    cohorts = warehouse.execute(
        "select cohort, count(*) filter (where in_numerator), count(*) from marts.indicator_evidence "
        "where la_code = 'TA8' and definition_id = 'A4_v3' and period_start = '2017-03-01' group by 1 order by 1"
    ).fetchall()
    assert cohorts == [("CIN", 1, 2), ("CLA", 1, 2), ("CP", 1, 2)]


def test_a5_previous_plan_ever_and_within_two_years(warehouse):
    assert month(warehouse, "TA5", "A5_v1", MARCH_2017) == (3, 4, 75.0)
    assert month(warehouse, "TA5", "A5_v2", MARCH_2017) == (1, 4, 25.0)


def test_a6_plans_ended_729_day_convention(warehouse):
    assert month(warehouse, "TA6", "A6_v1", "2017-12-01") == (2, 3, pytest.approx(66.6667))


def test_a6_children_on_a_plan_two_years_at_month_end(warehouse):
    # on a plan at 30 Nov 2017: H, I, J, K, L; two years or more: J, K
    assert month(warehouse, "TA6", "A6_v2", "2017-11-01") == (2, 5, 40.0)


def test_a7_allocated_qualified_social_worker(warehouse):
    # M (CP, qualified worker), N (looked after, unqualified worker), O (CP, no allocation)
    assert month(warehouse, "TA7", "A7_v1", MARCH_2017) == (1, 3, pytest.approx(33.3333))


def test_a8_children_in_need_with_a_plan(warehouse):
    # assessed and open: M, N, O, P, S (Q still being assessed); with a plan: M, O (CP), N (CLA), P (CIN)
    assert month(warehouse, "TA7", "A8_v1", MARCH_2017) == (4, 5, 80.0)


def test_caseload_average_and_26_or_more(warehouse):
    # qualified caseholding workers with cases: W1 (1 case), W3 (26 cases); W2 is not qualified
    assert month(warehouse, "TA7", "OP_CASELOAD", MARCH_2017) == (27, 2, 13.5)
    assert month(warehouse, "TA7", "OP_CASELOAD_26", MARCH_2017) == (1, 2, 50.0)


def test_counts_of_children_on_plans(warehouse):
    assert month(warehouse, "TA6", "OP_CPP", "2017-11-01")[2] == 5
    assert month(warehouse, "TA7", "OP_CIN", MARCH_2017)[2] == 6  # six open referrals (N also looked after)


def test_measures_needing_a_missing_family_are_absent(warehouse):
    # TA3 supplies no SSDA903 files: A7 (CP or looked after) is not computed for it at all
    n = warehouse.execute("select count(*) from marts.indicator_values where la_code = 'TA3' "
                          "and definition_id = 'A7_v1'").fetchone()[0]
    assert n == 0
