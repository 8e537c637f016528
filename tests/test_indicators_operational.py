"""The operational measures of the quarterly paper (issue 18) on hand-made cases: looked
after reviews, children ceasing a CP plan, B9 by in-house and agency foster carers, audits
graded good or outstanding, adoption scorecard timeliness, in-house residential occupancy
and foster carer approvals (the last two from optional files).

One pipeline run; each authority folder is a scenario. Expected numerators and
denominators were worked out by hand from the dates written here (the rules:
docs/indicators_children_in_care.md and docs/indicators.md, "Operational measures").
Month end 31 March 2017 unless said; SSDA903 collection year 2017 (April 2016 - March 2017).
"""

from decimal import Decimal

import duckdb
import pytest

from tests.conftest import indicator_value, run_warehouse
from tests.rawdata import write_family, write_table

MARCH_2017 = "2017-03-01"
FEB_2017 = "2017-02-01"
YEAR = 2017

value = indicator_value


def header(cid, dob="01/01/2008"):
    return {"CHILD": cid, "SEX": "1", "DOB": dob}


def episode(cid, start, rne, place, provider="PR1", end="", rec="", ls="C2"):
    return {"CHILD": cid, "DECOM": start, "RNE": rne, "LS": ls, "PLACE": place, "PLACE_PROVIDER": provider,
            "DEC": end, "REC": rec}


def history(cid, *steps, rec=""):
    """Episodes of one period of care: steps are (start, rne, place, provider, ls); each ends
    X1 on the next one's start; the last ends on `rec` = (date, code) or is open."""
    rows = []
    for i, (start, rne, place, provider, ls) in enumerate(steps):
        if i + 1 < len(steps):
            end, code = steps[i + 1][0], "X1"
        else:
            end, code = rec if rec else ("", "")
        rows.append(episode(cid, start, rne, place, provider, end, code, ls))
    return rows


def review(cid, date, code):
    return {"CHILD": cid, "DOB": "01/01/2008", "REVIEW": date, "REVIEW_CODE": code}


def placement(raw, la, episodes, year=YEAR, **optional):
    kids = sorted({e["CHILD"] for e in episodes})
    write_family(raw, la, "placement", {"ssda903_header": [header(c) for c in kids], "ssda903_episodes": episodes,
                                        **optional}, year=year)


def contacts(first="2016-01-01", last="2017-03-31"):
    """Contacts that make the case extract cover first..last."""
    return [{"contact_id": f"K{i}", "child_id": "K", "contact_date": d, "outcome": "nfa"}
            for i, d in enumerate([first, last])]


def cp_plan(pid, cid, start, end=""):
    return {"cp_plan_id": pid, "referral_id": "R-" + cid, "child_id": cid, "start_date": start, "end_date": end}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")

    # ---- looked after reviews (TREV). 1 Feb 2017 is a Wednesday; no bank holiday in February
    # or March 2017: 1 March is the 20th working day after 1 Feb, 2 March the 21st.
    rev_episodes = [
        episode("R1", "01/02/2017", "S", "U4"),
        episode("R2", "01/02/2017", "S", "U4"),
        episode("R3", "01/06/2016", "S", "U4"),
        episode("R4", "01/06/2016", "S", "U4"),
        episode("R5", "01/01/2015", "S", "U4"),   # in care before the reviews' first year (2016/17)
        episode("R6", "01/03/2017", "S", "U4"),
        episode("R7", "01/03/2017", "S", "U4"),
        episode("R8", "01/03/2017", "S", "U4"),
        episode("R9", "01/01/2017", "S", "U4", end="01/02/2017", rec="E4A"),
        episode("R10", "01/03/2017", "S", "K2", end="05/03/2017", rec="E4A", ls="V3"),
    ]
    reviews = [
        review("R1", "01/03/2017", "PN1"),    # first, 20 working days: on time
        review("R2", "02/03/2017", "PN4"),    # first, 21 working days: late
        review("R3", "20/06/2016", "PN1"), review("R3", "20/09/2016", "PN1"),  # second: 3 months exactly
        review("R3", "20/03/2017", "PN6"),    # later: 6 months exactly: on time
        review("R4", "20/06/2016", "PN1"), review("R4", "21/09/2016", "PN1"),  # second: 3 months + 1 day: late
        review("R4", "22/03/2017", "PN7"),    # later: 6 months + 1 day after 21 Sep: late
        review("R5", "10/09/2016", "PN1"),    # first in the data, care began before it: not judged
        review("R5", "10/03/2017", "PN5"),    # 6 months after the previous: on time
        review("R6", "10/03/2017", "PN0"),    # first, 7 working days; under 4: no participation measure
        review("R7", "10/03/2017", "PN7"),    # first, on time; did not participate
        review("R8", "10/03/2017", "PN9"),    # first, on time; not a code: reported, not in participation
        review("R9", "15/03/2017", "PN1"),    # not looked after that day: reported, counted nowhere
        review("R10", "03/03/2017", "PN1"),   # a short break: left out, as OP_CLA leaves it out
    ]
    placement(raw, "TREV", rev_episodes, ssda903_reviews=reviews)

    # ---- B9 by foster carer provider (TB9S): all under 16, looked after since 1 Jan 2014
    b9 = [
        *history("S1", ("01/01/2014", "S", "U4", "PR1", "C2")),                  # in-house, same carer
        *history("S2", ("01/01/2014", "S", "U6", "PR4", "C2"), ("01/06/2015", "P", "U4", "PR1", "C2")),  # in-house, moved
        *history("S3", ("01/01/2014", "S", "U4", "PR4", "C2")),                  # IFA (private), same carer
        *history("S4", ("01/01/2014", "S", "U4", "PR1", "C2"), ("01/04/2015", "P", "U4", "PR5", "C2")),  # IFA, a day short
        *history("S5", ("01/01/2014", "S", "U4", "PR1", "C2"), ("31/03/2015", "P", "U4", "PR5", "C2")),  # IFA, 2 years
        *history("S6", ("01/01/2014", "S", "U4", "PR2", "C2")),                  # another authority's carer
        *history("S7", ("01/01/2014", "S", "K2", "PR1", "C2")),                  # in-house children's home
    ]
    placement(raw, "TB9S", b9)
    write_family(raw, "TB9S", "case", {"children": [{"child_id": "K", "sex": "F", "birth_date": "2010-06-01"}],
                                       "contacts": contacts()})   # a case extract without the optional file

    # ---- adoption timeliness (TADOPT): coverage from April 2013 (collection years 2014-2017)
    placement(raw, "TADOPT", [episode("OLD", "01/05/2013", "S", "U4", end="01/06/2013", rec="E4A", ls="V2")], year=2014)
    adoptions = [
        # entered 1 Jan 2015, order 1 Jun 2015, placed with adopters 1 Sep 2015, adopted 1 Mar 2016
        *history("AD_A", ("01/01/2015", "S", "U4", "PR1", "C2"), ("01/06/2015", "L", "U4", "PR1", "E1"),
                 ("01/09/2015", "P", "A6", "PR1", "E1"), rec=("01/03/2016", "E11")),
        # foster carer adoption: entered 1 Feb 2016, order 1 May 2016, placed for adoption with
        # the foster carer 1 Nov 2016, adopted 15 Mar 2017
        *history("AD_B", ("01/02/2016", "S", "U4", "PR1", "C2"), ("01/05/2016", "L", "U4", "PR1", "E1"),
                 ("01/11/2016", "T", "A5", "PR1", "E1"), rec=("15/03/2017", "E12")),
        # consent, no placement order: entered 1 Mar 2016, placed 1 Jun 2016, adopted 1 Dec 2016
        *history("AD_C", ("01/03/2016", "S", "U4", "PR1", "V2"), ("01/06/2016", "P", "A4", "PR1", "V2"),
                 rec=("01/12/2016", "E11")),
        # order and placement but no AD1 match date: entered 1 Jan 2016, placed 1 Jul 2016
        *history("AD_E", ("01/01/2016", "S", "U4", "PR1", "C2"), ("01/04/2016", "L", "U4", "PR1", "E1"),
                 ("01/07/2016", "P", "A6", "PR1", "E1"), rec=("01/01/2017", "E11")),
        # left care on a special guardianship order: not adopted
        *history("AD_S", ("01/01/2015", "S", "U4", "PR1", "C2"), rec=("01/06/2016", "E45")),
    ]
    adoptions += [
        # its episodes overlap (the second starts before the first ended): both excluded, so
        # the adoption (1 Feb 2017) is recorded only on an excluded episode: left out, reported
        episode("AD_X", "01/01/2016", "S", "U4", end="01/08/2016", rec="X1"),
        episode("AD_X", "01/07/2016", "P", "A6", end="01/02/2017", rec="E11", ls="E1"),
        # the period's first episode has a PLACE that is not a code (excluded) and ends X1 the
        # day the kept period starts (the boundary: touching): when care began cannot be told
        episode("AD_Y", "01/01/2016", "S", "Z9", end="01/04/2016", rec="X1"),
        episode("AD_Y", "01/04/2016", "P", "A6", end="01/02/2017", rec="E11", ls="E1"),
    ]
    ad1 = [{"CHILD": "AD_A", "DATE_MATCH": "15/08/2015"},
           {"CHILD": "AD_B", "DATE_MATCH": "20/04/2016"},    # matched before the order: 0 days
           {"CHILD": "AD_S", "DATE_MATCH": "01/03/2016"},
           {"CHILD": "AD_X", "DATE_MATCH": "01/06/2016"}, {"CHILD": "AD_Y", "DATE_MATCH": "01/03/2016"}]
    placement(raw, "TADOPT", adoptions, ssda903_ad1=ad1)

    # ---- case and placement together (TCASE): CP plans ceasing, audits, approvals, occupancy
    cp_plans = [
        cp_plan("P1", "C1", "2016-10-01", "2017-03-10"),   # care starts the day the plan ends
        cp_plan("P2", "C2", "2016-10-01", "2017-03-10"),   # ... the day after
        cp_plan("P3", "C3", "2016-10-01", "2017-03-10"),   # ... two days after: not
        cp_plan("P4", "C4", "2016-10-01", "2017-03-20"),   # ... during the plan (15 Jan)
        cp_plan("P5", "C5", "2016-11-01", "2017-03-31"),   # looked after before the plan began: not
        cp_plan("P6", "C6", "2016-11-01", "2017-03-05"),   # never looked after
        cp_plan("P7", "C7", "2016-11-01", "2017-02-28"),   # February; care from 1 March (the day after)
        cp_plan("P8", "C8", "2016-11-01"),                 # still open
    ]
    grades = ["outstanding", "good", "requires_improvement", "inadequate"]
    audits = [{"audit_id": f"AU{i}", "child_id": "C1", "audit_date": "2017-03-10", "audit_type": "routine",
               "overall_grade": g} for i, g in enumerate(grades)]
    audits.append({"audit_id": "AU9", "child_id": "C1", "audit_date": "2017-03-11", "audit_type": "thematic",
                   "overall_grade": "good"})
    approvals = [{"approval_id": "FA1", "household_id": "H1", "approval_date": "2017-03-01"},
                 {"approval_id": "FA2", "household_id": "H2", "approval_date": "2017-03-31"},
                 {"approval_id": "FA3", "household_id": "H3", "approval_date": "2017-02-28"}]
    write_family(raw, "TCASE", "case", {"contacts": contacts(), "cp_plans": cp_plans, "case_audits": audits,
                                        "foster_carer_approvals": approvals})
    case_episodes = [
        episode("C1", "10/03/2017", "S", "U4"), episode("C2", "11/03/2017", "S", "U4"),
        episode("C3", "12/03/2017", "S", "U4"), episode("C4", "15/01/2017", "S", "U4"),
        episode("C5", "01/06/2016", "S", "U4"), episode("C7", "01/03/2017", "S", "U4"),
        episode("O1", "01/01/2017", "S", "K2", "PR1"),     # in-house home from January
        episode("O2", "15/03/2017", "S", "K1", "PR1"),     # in-house secure home from March
        episode("O3", "01/01/2017", "S", "K2", "PR4"),     # a private home: not in-house
        episode("O4", "30/03/2017", "S", "K2", "PR1", ls="V3"),  # a short break at the month end
    ]
    placement(raw, "TCASE", case_episodes)
    write_table(raw, "TCASE", "population", [{"year": "2017", "age": "5", "population": "1000"}])
    write_table(raw, "TCASE", "in_house_homes", [
        {"home_id": "H1", "valid_from": "2015-01-01", "valid_to": "2017-03-30", "places": "4"},  # ends the day before
        {"home_id": "H1", "valid_from": "2017-03-31", "places": "3"},                             # from the month end
        {"home_id": "H2", "valid_from": "2016-01-01", "valid_to": "2017-03-31", "places": "2"},  # its last day counts
    ])

    # ---- CP plans whose child has only excluded episodes in the window (TLEFT)
    write_family(raw, "TLEFT", "case", {"contacts": contacts(), "cp_plans": [
        cp_plan("P9", "C9", "2016-10-01", "2017-03-10"),    # an excluded episode the day after: unknown
        cp_plan("P10", "C10", "2016-10-01", "2017-03-10"),  # ... two days after: not looked after
    ]})
    placement(raw, "TLEFT", [
        # each child's two open episodes overlap, so both are excluded
        episode("C9", "11/03/2017", "S", "U4"), episode("C9", "20/03/2017", "S", "U4"),
        episode("C10", "12/03/2017", "S", "U4"), episode("C10", "15/03/2017", "S", "U4"),
    ])

    wh = tmp_path_factory.mktemp("wh")
    _, summary = run_warehouse(raw, wh)
    assert summary["published"], summary
    published = duckdb.connect(str(wh / "warehouse.duckdb"), read_only=True)
    build = duckdb.connect(str(wh / "build" / "build.duckdb"), read_only=True)
    yield published, build
    published.close()
    build.close()


def evidence(build, la, definition, period_start=MARCH_2017):
    """{subject_id: (in_numerator, cohort)} of the build file's evidence (source identifiers)."""
    rows = build.execute(
        "select subject_id, in_numerator, cohort from intermediate.int_evidence where la_code = ? "
        "and definition_id = ? and period_start = ?", [la, definition, period_start]).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def findings(published, la, check):
    return published.execute(
        "select severity, rows_affected, subjects_affected from quality.findings where la_code = ? and check_name = ?",
        [la, check]).fetchall()


# ---------------------------------------------------------------- looked after reviews


def test_reviews_on_time(warehouse):
    published, _ = warehouse
    # March 2017, judged: R1 (on time), R2 (late), R3 (on time), R4 (late), R5 (on time, 6 months
    # after its September review), R6, R7, R8 (first reviews 7 working days after 1 March): 6 of 8.
    # R9 (not looked after) and R10 (short break) are not counted.
    assert value(published, "TREV", "OP_CLA_REVIEWS_ON_TIME", MARCH_2017) == (6, 8, 75)


def test_reviews_on_time_boundaries(warehouse):
    published, build = warehouse
    march = evidence(build, "TREV", "OP_CLA_REVIEWS_ON_TIME")
    assert march["R1 2017-03-01"] == (True, "first review")    # the 20th working day
    assert march["R2 2017-03-02"] == (False, "first review")   # the 21st
    assert march["R3 2017-03-20"] == (True, "later review")    # previous + 6 months exactly
    assert march["R4 2017-03-22"] == (False, "later review")   # a day over
    # September 2016: R3's second review 3 months after the first is on time, R4's a day later
    # is not; R5's first review in the data cannot be judged (care began before the data)
    assert value(published, "TREV", "OP_CLA_REVIEWS_ON_TIME", "2016-09-01") == (1, 2, 50)
    assert "R5 2016-09-10" not in evidence(build, "TREV", "OP_CLA_REVIEWS_ON_TIME", "2016-09-01")


def test_review_participation(warehouse):
    published, _ = warehouse
    # March 2017: PN1 (R1), PN4 (R2), PN6 (R3), PN5 (R5) participated; PN7 (R4, R7) did not;
    # R6 is under 4 (PN0) and R8's code is unknown: 4 of 6
    assert value(published, "TREV", "OP_CLA_REVIEW_PARTICIPATION", MARCH_2017) == (4, 6, Decimal("66.6667"))


def test_reviews_not_counted_are_reported(warehouse):
    published, _ = warehouse
    assert findings(published, "TREV", "review held while looked after") == [("WARN", 1, None)]   # R9
    assert findings(published, "TREV", "REVIEW_CODE valid") == [("WARN", 1, None)]               # R8


# ---------------------------------------------------------------- CP plans ceasing


def test_children_ceasing_a_cp_plan_and_becoming_looked_after(warehouse):
    published, build = warehouse
    # March 2017: P1-P6 end (P8 is open, P7 ended in February)
    assert value(published, "TCASE", "OP_CPP_CEASED", MARCH_2017)[2] == 6
    # became looked after: P1 (care the day the plan ended), P2 (the day after), P4 (during the plan)
    assert value(published, "TCASE", "OP_CPP_CEASED_LOOKED_AFTER", MARCH_2017) == (3, 6, 50)
    plans = evidence(build, "TCASE", "OP_CPP_CEASED_LOOKED_AFTER")
    assert plans["P2"] == (True, "looked after")       # care from the day after the plan ended
    assert plans["P3"] == (False, "not looked after")  # two days after
    assert plans["P5"] == (False, "not looked after")  # already looked after before the plan
    # the quarter January-March 2017 adds February's P7 (care from 1 March, the day after)
    assert value(published, "TCASE", "OP_CPP_CEASED_LOOKED_AFTER", "2017-01-01", "quarter") == (4, 7, Decimal("57.1429"))


def test_a_plan_whose_child_has_only_excluded_episodes_is_left_out_and_reported(warehouse):
    published, build = warehouse
    # P9 and P10 end on 10 March 2017; C9's only episodes in the window (from 11 March, the day
    # after) are excluded: P9 is in OP_CPP_CEASED as unknown, not in the percentage; C10's
    # start two days after, outside the window: P10 did not become looked after
    assert value(published, "TLEFT", "OP_CPP_CEASED", MARCH_2017)[2] == 2
    assert value(published, "TLEFT", "OP_CPP_CEASED_LOOKED_AFTER", MARCH_2017) == (0, 1, 0)
    assert evidence(build, "TLEFT", "OP_CPP_CEASED")["P9"] == (True, "unknown")
    assert evidence(build, "TLEFT", "OP_CPP_CEASED_LOOKED_AFTER") == {"P10": (False, "not looked after")}
    assert findings(published, "TLEFT", "children left out of OP_CPP_CEASED_LOOKED_AFTER") == [("WARN", None, 1)]


# ---------------------------------------------------------------- audits


def test_audits_graded_good_or_outstanding_beside_a3(warehouse):
    published, _ = warehouse
    # routine audits in March 2017: outstanding, good, requires improvement, inadequate (the
    # thematic audit is not counted); good or better 2 of 4, A3's requires improvement or better 3
    assert value(published, "TCASE", "OP_AUDITS_GOOD", MARCH_2017) == (2, 4, 50)
    assert value(published, "TCASE", "A3_v1", MARCH_2017) == (3, 4, 75)


# ---------------------------------------------------------------- B9 split


def test_b9_split_by_in_house_and_agency_foster_carers(warehouse):
    published, build = warehouse
    # B9: all seven; numerator S1, S3, S5 (31 Mar 2015: exactly 2 years), S6, S7
    assert value(published, "TB9S", "B9_v1", MARCH_2017) == (5, 7, Decimal("71.4286"))
    # in-house (U4 with PR1): S1 (same carer), S2 (moved June 2015)
    assert value(published, "TB9S", "OP_B9_IN_HOUSE_FOSTER", MARCH_2017) == (1, 2, 50)
    # agency (PR4 private, PR5 voluntary): S3, S5 in; S4 with its carer from 1 April 2015, a day short
    assert value(published, "TB9S", "OP_B9_IFA", MARCH_2017) == (2, 3, Decimal("66.6667"))
    ifa = evidence(build, "TB9S", "OP_B9_IFA")
    assert ifa["S5"] == (True, "same carer") and ifa["S4"] == (False, "moved")
    # another authority's foster carer (PR2) and a children's home are in neither
    in_house = evidence(build, "TB9S", "OP_B9_IN_HOUSE_FOSTER")
    assert not {"S6", "S7"} & (set(ifa) | set(in_house))


# ---------------------------------------------------------------- adoption timeliness


def test_adoption_a1_days_from_care_to_the_adoptive_family(warehouse):
    published, build = warehouse
    # adopted in the 36 months to March 2017 (April 2014 on), placed for adoption first:
    # AD_A 1 Jan 2015 -> 1 Sep 2015 = 243 days; AD_B 1 Feb 2016 -> 1 Nov 2016 = 274 (leap year;
    # A1 counts to the A5 placement with the foster carer); AD_C 1 Mar -> 1 Jun 2016 = 92;
    # AD_E 1 Jan -> 1 Jul 2016 = 182. (243 + 274 + 92 + 182) / 4 = 197.75
    assert value(published, "TADOPT", "OP_ADOPTION_A1", MARCH_2017) == (791, 4, Decimal("197.75"))
    # February 2017: AD_B (adopted 15 March) is not yet in: (243 + 92 + 182) / 3
    assert value(published, "TADOPT", "OP_ADOPTION_A1", FEB_2017) == (517, 3, Decimal("172.3333"))
    a1 = evidence(build, "TADOPT", "OP_ADOPTION_A1")
    assert a1["AD_B"] == (True, "foster carer") and "AD_S" not in a1   # a special guardianship order


def test_adoption_a2_days_from_the_order_to_the_match(warehouse):
    published, _ = warehouse
    # AD_A order 1 Jun 2015 -> match 15 Aug 2015 = 75 days; AD_B matched before its order: 0;
    # AD_C had no placement order (DfE: excluded); AD_E has no match date (reported)
    assert value(published, "TADOPT", "OP_ADOPTION_A2", MARCH_2017) == (75, 2, Decimal("37.5"))
    assert findings(published, "TADOPT", "adopted child has an AD1 match date") == [("WARN", None, 1)]


def test_adopted_children_with_excluded_episodes_are_left_out_and_reported(warehouse):
    published, build = warehouse
    # AD_X (adoption only on an excluded episode) and AD_Y (an excluded episode ending the day
    # its kept period starts) are in neither average: March 2017 is as without them
    assert value(published, "TADOPT", "OP_ADOPTION_A1", MARCH_2017) == (791, 4, Decimal("197.75"))
    assert value(published, "TADOPT", "OP_ADOPTION_A2", MARCH_2017) == (75, 2, Decimal("37.5"))
    a1 = evidence(build, "TADOPT", "OP_ADOPTION_A1", FEB_2017)
    assert not {"AD_X", "AD_Y"} & set(a1)
    for definition in ("OP_ADOPTION_A1", "OP_ADOPTION_A2"):
        assert findings(published, "TADOPT", f"children left out of {definition}") == [("WARN", None, 2)]


def test_adoption_measures_need_three_years_of_data(warehouse):
    published, _ = warehouse
    # coverage from April 2013: March 2016 is the first month with 36 months behind it
    first = published.execute(
        "select min(period_start)::varchar from marts.indicator_values where la_code = 'TADOPT' "
        "and definition_id = 'OP_ADOPTION_A1' and period_type = 'month'").fetchone()[0]
    assert first == "2016-03-01"


# ---------------------------------------------------------------- optional files


def test_in_house_residential_occupancy(warehouse):
    published, _ = warehouse
    # 31 March 2017: H1's 3 places from that day and H2's 2 (its last day) = 5; H1's 4 ended
    # the day before. Children in in-house homes: O1 (K2), O2 (K1); O3 is private, O4 a short break
    assert value(published, "TCASE", "OP_IN_HOUSE_RES_OCCUPANCY", MARCH_2017) == (2, 5, 40)
    # 28 February: H1 4 + H2 2 places; O1 only
    assert value(published, "TCASE", "OP_IN_HOUSE_RES_OCCUPANCY", FEB_2017) == (1, 6, Decimal("16.6667"))


def test_foster_carer_approvals(warehouse):
    published, _ = warehouse
    assert value(published, "TCASE", "OP_FOSTER_APPROVALS", MARCH_2017)[2] == 2   # 1 and 31 March
    assert value(published, "TCASE", "OP_FOSTER_APPROVALS", FEB_2017)[2] == 1     # 28 February


def test_optional_measures_are_absent_without_their_files(warehouse):
    published, _ = warehouse
    rows = published.execute(
        "select count(*) from marts.indicator_values where la_code = 'TB9S' "
        "and definition_id in ('OP_FOSTER_APPROVALS', 'OP_IN_HOUSE_RES_OCCUPANCY')").fetchone()[0]
    assert rows == 0
    noisy = published.execute(
        "select check_name from quality.findings where la_code = 'TB9S' and severity in ('WARN', 'ERROR')").fetchall()
    assert noisy == []
