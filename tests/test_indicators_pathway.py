"""Social care pathway measures A3-A8 and the operational counts on hand-made cases.

One pipeline run; each authority folder is a scenario. Expected numerators and
denominators were worked out by hand from the dates written here.
"""

import os

from decimal import Decimal

import duckdb
import pytest

from tests.conftest import indicator_value, pseudonym, run_warehouse
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
def warehouse_dir(tmp_path_factory):
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

    # A4 2018/19 (A4_v3): visits due in the month, per cohort (docs/indicators.md, A4).
    # Coverage: case April 2016 - March 2017 (contacts), SSDA903 collection year 2017
    # (April 2016 - March 2017). Every due date in that range is listed below; no other
    # child of TA8 is in a cohort, so these are all the evidence rows.
    a4_children = ["CPIN", "CPLATE", "CPTYPE", "CPMISS", "CININ", "CINLATE", "DUAL", "CLA11", "CLA13", "CLAL"]
    write_family(raw, "TA8", "case", {
        "children": [child(c) for c in ["K", *a4_children, "CLAX"]],
        "contacts": coverage("K", "2016-04-01", "2017-03-31"),
        "referrals": [
            # CIN from the referral date until its closure
            {"referral_id": "R-CININ", "child_id": "CININ", "referral_date": "2017-01-05",
             "referral_nfa": "N", "closure_date": "2017-02-20"},
            {"referral_id": "R-CINLATE", "child_id": "CINLATE", "referral_date": "2017-01-05",
             "referral_nfa": "N", "closure_date": "2017-02-20"},
        ],
        "cp_plans": [
            cp_plan("PCPIN", "CPIN", "2017-02-01", "2017-02-20"),
            cp_plan("PCPLATE", "CPLATE", "2017-02-01", "2017-02-20"),
            cp_plan("PCPTYPE", "CPTYPE", "2017-02-01", "2017-02-20"),
            cp_plan("PCPMISS", "CPMISS", "2017-01-16"),
            cp_plan("PDUAL", "DUAL", "2017-02-27"),
            # CLAX (looked after only on excluded episodes, below): on a plan 1-20 Nov 2016, so
            # CP, not Dual: a CP visit due Tue 15 Nov (10 working days), never made
            cp_plan("PCLAX", "CLAX", "2016-11-01", "2016-11-20"),
        ],
        "visits": [
            # CP from Wed 1 Feb 2017: 10 working days end on Wed 15 Feb (due date). The
            # next visit would fall due 10 working days after the visit, on or after
            # 1 March: after the plan ended (20 Feb), so not due.
            visit("V-CPIN", "CPIN", "2017-02-15"),                  # last day of the interval: in time
            visit("V-CPLATE", "CPLATE", "2017-02-16"),              # the day after: late
            visit("V-CPTYPE", "CPTYPE", "2017-02-10", kind="CIN"),  # a CIN case note: not a CP visit,
                                                                    # so the CP visit due 15 Feb is missing
            # CPMISS: plan from Mon 16 Jan 2017, never visited: due Mon 30 Jan, still not made at
            # the January month end (and counted once: nothing falls due after it)
            # CIN from 5 Jan 2017: 28 days end on 2 Feb; the next would be due on 2 or 3 March,
            # after the referral closed (20 Feb)
            visit("V-CININ", "CININ", "2017-02-02", kind="CIN"),    # day 28: in time
            visit("V-CINLATE", "CINLATE", "2017-02-03", kind="CIN"),  # day 29: late
            # DUAL: placed 20 Feb 2017 (CLA: week due 27 Feb), CP plan from Mon 27 Feb: the
            # CLA-only cohort ends 27 Feb, before its first visit fell due. Dual from 27 Feb,
            # held to the CP timescale, CP or CLA visits: due Mon 13 Mar (10 working days),
            # seen Fri 10 Mar (CLA visit): in time; then due Fri 24 Mar, seen that day (CP
            # visit): in time; then due Fri 7 Apr, after the coverage
            visit("V-DUAL1", "DUAL", "2017-03-10", kind="CLA"),
            visit("V-DUAL2", "DUAL", "2017-03-24", kind="CP"),
            # CLA11: placed 1 May 2015. Seen 1 Apr 2016, 11 months into the placement: the
            # next visit is due within 6 weeks (42 days: 13 May 2016); seen 21 May (50 days):
            # late. The interval from 21 May (after the first year: 91 days, 20 Aug) ends after
            # the placement (15 Jul). The week due from the placement start (8 May 2015) is
            # before the coverage.
            visit("V-CLA11A", "CLA11", "2016-04-01", kind="CLA"),
            visit("V-CLA11B", "CLA11", "2016-05-21", kind="CLA"),
            # CLA13: placed 1 Mar 2015. Seen 1 Apr 2016, 13 months in: next due within 3 months
            # (91 days: 1 Jul 2016); seen 21 May: in time (counted in July, the due month)
            visit("V-CLA13A", "CLA13", "2016-04-01", kind="CLA"),
            visit("V-CLA13B", "CLA13", "2016-05-21", kind="CLA"),
            # CLAL: placed 1 Jun 2015; RNE L (C1 to C2, same carer) on 1 Aug 2016. Seen 15 Jun
            # 2016, after the placement's first year: due within 91 days (14 Sep); seen 1 Sep:
            # in time (September). Had the RNE L episode restarted the placement, a visit
            # would have been due within a week of 1 Aug (late on 1 Sep, in August). The next
            # due (1 Dec) is after the placement ended (1 Nov 2016).
            visit("V-CLAL1", "CLAL", "2016-06-15", kind="CLA"),
            visit("V-CLAL2", "CLAL", "2016-09-01", kind="CLA"),
            # CLAX: looked after only on two overlapping episodes, both excluded for a DfE
            # rule: no carer spell, so no CLA visit falls due (this CLA visit counts nowhere)
            visit("V-CLAX", "CLAX", "2016-09-05", kind="CLA"),
        ],
    })

    def episode(cid, start, rne, end="", rec="", ls="C2"):
        return {"CHILD": cid, "DECOM": start, "RNE": rne, "LS": ls, "PLACE": "U4", "PLACE_PROVIDER": "PR1",
                "DEC": end, "REC": rec}

    write_family(raw, "TA8", "placement", {
        "ssda903_header": [{"CHILD": c, "SEX": "1", "DOB": "01/06/2010"}
                           for c in ["DUAL", "CLA11", "CLA13", "CLAL", "CLAX"]],
        "ssda903_episodes": [
            episode("DUAL", "20/02/2017", "S"),
            # CLAX: 1 Sep - 15 Nov 2016 and 1 Oct 2016 - 1 Jan 2017 overlap: both excluded
            episode("CLAX", "01/09/2016", "S", "15/11/2016", "E13"),
            episode("CLAX", "01/10/2016", "S", "01/01/2017", "E13"),
            episode("CLA11", "01/05/2015", "S", "15/07/2016", "E13"),
            episode("CLA13", "01/03/2015", "S", "15/07/2016", "E13"),
            episode("CLAL", "01/06/2015", "S", "01/08/2016", "X1", ls="C1"),
            episode("CLAL", "01/08/2016", "L", "01/11/2016", "E13"),
        ],
    }, year=2017)

    wh = tmp_path_factory.mktemp("wh")
    _, summary = run_warehouse(raw, wh)
    assert summary["published"], summary
    return wh


@pytest.fixture(scope="module")
def warehouse(warehouse_dir):
    con = duckdb.connect(str(warehouse_dir / "warehouse.duckdb"), read_only=True)
    yield con
    con.close()


month = indicator_value


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


A4_2018 = ["CPIN", "CPLATE", "CPTYPE", "CPMISS", "CININ", "CINLATE", "DUAL", "CLA11", "CLA13", "CLAL"]


def a4_evidence(con, definition, period_start):
    """{child: (in_numerator, cohort, due date)} of TA8's evidence rows in a month, the
    pseudonyms read back as the scenario's children."""
    key = os.environ["CSC_HMAC_KEY"].encode()
    children = {pseudonym(key, "TA8", c): c for c in A4_2018}
    rows = con.execute(
        "select child_id, in_numerator, cohort, event_date::varchar from marts.indicator_evidence "
        "where la_code = 'TA8' and definition_id = ? and period_start = ? order by 4", [definition, period_start]
    ).fetchall()
    return sorted((children[r[0]], r[1], r[2], r[3]) for r in rows)


def test_a4_2018_visit_on_the_last_day_of_its_interval_is_in_time_the_day_after_late(warehouse):
    # CP: due 15 Feb (10 working days after 1 Feb); CIN: due 2 Feb (28 days after 5 Jan).
    # CPTYPE's only visit is a CIN case note: the CP visit due is missing.
    assert a4_evidence(warehouse, "A4_v3", "2017-02-01") == [
        ("CININ", True, "CIN", "2017-02-02"),
        ("CINLATE", False, "CIN", "2017-02-02"),
        ("CPIN", True, "CP", "2017-02-15"),
        ("CPLATE", False, "CP", "2017-02-15"),
        ("CPTYPE", False, "CP", "2017-02-15"),
    ]
    assert month(warehouse, "TA8", "A4_v3", "2017-02-01") == (2, 5, 40.0)


def test_a4_2018_cla_six_weekly_in_the_placements_first_year_then_three_monthly(warehouse):
    # seen 1 Apr 2016 then 21 May (50 days): late 11 months into the placement (42 days,
    # due 13 May), in time 13 months in (91 days, due 1 Jul)
    assert a4_evidence(warehouse, "A4_v3", "2016-05-01") == [("CLA11", False, "CLA", "2016-05-13")]
    assert a4_evidence(warehouse, "A4_v3", "2016-07-01") == [("CLA13", True, "CLA", "2016-07-01")]
    assert month(warehouse, "TA8", "A4_v3", "2016-05-01") == (0, 1, 0.0)
    assert month(warehouse, "TA8", "A4_v3", "2016-07-01") == (1, 1, 100.0)


def test_a4_2018_change_of_legal_status_does_not_restart_the_placement(warehouse):
    # RNE L on 1 Aug 2016: no week-one visit due in August; the 3-monthly visit due 14 Sep
    # (from 15 Jun) was made on 1 Sep
    assert a4_evidence(warehouse, "A4_v3", "2016-08-01") == []
    assert a4_evidence(warehouse, "A4_v3", "2016-09-01") == [("CLAL", True, "CLA", "2016-09-14")]


def test_a4_2018_due_visit_not_made_by_the_month_end_counts_once(warehouse):
    # CPMISS: due 30 Jan, never made: in January's denominator, not its numerator, and in
    # no later month
    assert a4_evidence(warehouse, "A4_v3", "2017-01-01") == [("CPMISS", False, "CP", "2017-01-30")]
    assert month(warehouse, "TA8", "A4_v3", "2017-01-01") == (0, 1, 0.0)
    assert [r[0] for r in a4_evidence(warehouse, "A4_v3", "2017-03-01")] == ["DUAL", "DUAL"]


def test_a4_2018_quarter_is_the_sum_of_its_months(warehouse):
    # January 0/1 (CPMISS), February 2/5, March 2/2 (DUAL's two visits, 13 and 24 Mar)
    assert a4_evidence(warehouse, "A4_v3", "2017-03-01") == [
        ("DUAL", True, "Dual", "2017-03-13"), ("DUAL", True, "Dual", "2017-03-24")]
    assert month(warehouse, "TA8", "A4_v3", "2017-03-01") == (2, 2, 100.0)
    assert month(warehouse, "TA8", "A4_v3", "2017-01-01", "quarter") == (4, 8, 50.0)


def test_a4_2018_per_cohort_rates(warehouse):
    # the A4_v3 evidence of one cohort: CP in February CPIN in time, CPLATE late, CPTYPE
    # missing; the quarter adds January's CPMISS
    assert month(warehouse, "TA8", "OP_A4_CP", "2017-02-01") == (1, 3, Decimal("33.3333"))
    assert month(warehouse, "TA8", "OP_A4_CP", "2017-01-01", "quarter") == (1, 4, 25.0)
    assert month(warehouse, "TA8", "OP_A4_CIN", "2017-02-01") == (1, 2, 50.0)
    assert month(warehouse, "TA8", "OP_A4_DUAL", "2017-03-01") == (2, 2, 100.0)
    assert month(warehouse, "TA8", "OP_A4_CLA", "2016-05-01") == (0, 1, 0.0)
    assert month(warehouse, "TA8", "OP_A4_CLA", "2016-09-01") == (1, 1, 100.0)
    # no other cohort's rows: CP has nothing in March, CLA nothing in February
    assert month(warehouse, "TA8", "OP_A4_CP", "2017-03-01") == (0, 0, None)
    assert month(warehouse, "TA8", "OP_A4_CLA", "2017-02-01") == (0, 0, None)
    assert a4_evidence(warehouse, "OP_A4_CP", "2017-02-01") == [
        r for r in a4_evidence(warehouse, "A4_v3", "2017-02-01") if r[2] == "CP"]


def test_a5_previous_plan_ever_and_within_two_years(warehouse):
    assert month(warehouse, "TA5", "A5_v1", MARCH_2017) == (3, 4, 75.0)
    assert month(warehouse, "TA5", "A5_v2", MARCH_2017) == (1, 4, 25.0)


def test_a6_plans_ended_729_day_convention(warehouse):
    assert month(warehouse, "TA6", "A6_v1", "2017-12-01") == (2, 3, Decimal("66.6667"))


def test_a6_children_on_a_plan_two_years_at_month_end(warehouse):
    # on a plan at 30 Nov 2017: H, I, J, K, L; two years or more: J, K
    assert month(warehouse, "TA6", "A6_v2", "2017-11-01") == (2, 5, 40.0)


def test_a7_allocated_qualified_social_worker(warehouse):
    # M (CP, qualified worker), N (looked after, unqualified worker), O (CP, no allocation)
    assert month(warehouse, "TA7", "A7_v1", MARCH_2017) == (1, 3, Decimal("33.3333"))


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


def test_a4_2018_a_child_looked_after_only_on_excluded_episodes_is_left_out_and_reported(warehouse, warehouse_dir):
    # CLAX's two episodes overlap, so both are excluded (int_ssda903_episode_checks): no
    # carer spell, so never CLA or Dual. Their plan (1-20 Nov 2016) holds them to the CP
    # timescale: one CP visit due, 15 Nov, not made; nothing else in any month
    key = os.environ["CSC_HMAC_KEY"].encode()
    assert warehouse.execute(
        "select definition_id, cohort, event_date::varchar, in_numerator from marts.indicator_evidence "
        "where la_code = 'TA8' and child_id = ? and (definition_id = 'A4_v3' or definition_id like 'OP_A4_%') "
        "order by 1", [pseudonym(key, "TA8", "CLAX")]).fetchall() == [
        ("A4_v3", "CP", "2016-11-15", False), ("OP_A4_CP", "CP", "2016-11-15", False)]
    # ... and the visits measures say whom they leave out. A4_v3 and OP_A4_CLA: the months an
    # excluded episode is open on some day of, 1 Sep 2016 until the day before DEC 1 Jan 2017
    # (the child ceased that day): September to December, 4 months (January would make 5).
    # OP_A4_DUAL: of those, the months a CP plan is open on some day of: November only
    build = duckdb.connect(str(warehouse_dir / "build" / "build.duckdb"), read_only=True)
    left_out = build.execute(
        "select definition_id, months_left_out, first_month::varchar, last_month::varchar "
        "from intermediate.int_ssda903_children_left_out where la_code = 'TA8' and child_id = 'CLAX' "
        "and (definition_id = 'A4_v3' or definition_id like 'OP_A4_%') order by 1").fetchall()
    build.close()
    assert left_out == [("A4_v3", 4, "2016-09-01", "2016-12-01"), ("OP_A4_CLA", 4, "2016-09-01", "2016-12-01"),
                        ("OP_A4_DUAL", 1, "2016-11-01", "2016-11-01")]
    for measure in ("A4_v3", "OP_A4_CLA", "OP_A4_DUAL"):
        assert warehouse.execute(
            "select severity, subjects_affected from quality.findings where la_code = 'TA8' and check_name = ?",
            [f"children left out of {measure}"]).fetchall() == [("WARN", 1)]
