"""B11_v1/B12_v1, Year 1 care leavers, on hand-made cases: the cohort from the episode
history, the numerator from the OC3 record, and the WARN findings comparing the two.

Seed 002:2084-2085 (B11) and 2107-2108 (B12): "young people aged 19 who were looked after
under any legal status (other than V3 or V4) on 1 April in their 17th year". The 17th year
of life runs from the 16th birthday to the day before the 17th, so the date is the 1 April
on which the young person was aged 16 (docs/indicators_children_in_care.md names the other
reading, aged 17, and why it was not taken).

One authority (TY1), three collection years (2014-2016, i.e. 1 April 2013 - 31 March 2016).
Each episode is in the file of the year it ended in, as a return holds it. Most young
people were born in March 1997: 16 in March 2013, so the date is 1 April 2013, and 19 in
March 2016 (collection year 2016 = contract year 2015/16, whose basket reports B11_v1 and
B12_v1: the years the OC3 is compared with the cohort).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import indicator_value, published_and_build
from tests.rawdata import write_family

LA = "TY1"
MARCH_2016 = "2016-03-01"
APRIL_2015 = "2015-04-01"

DOB = {
    "Y1IN": "10/03/1997",       # looked after since 2012
    "Y1APR1": "11/03/1997",     # came into care on 1 April 2013
    "Y1V3": "12/03/1997",       # in a V3 short break on 1 April 2013, in full-time care from June
    "Y1NOOC3": "13/03/1997",    # looked after since 2012, no OC3 row
    "Y1APR2": "14/03/1997",     # came into care on 2 April 2013; the OC3 lists them
    "Y1ENDAPR1": "20/03/1997",  # left care on 1 April 2013
    "Y1OLD": "02/04/1996",      # 17 on 2 April 2013: aged 16 on 1 April 2013, 17 on 1 April 2014
    "Y1PRE": "01/04/1996",      # 16 on 1 April 2012: that day is the 1 April in their 17th year,
                                # before the data (1 April 2013); no episode in the data
    "Y1FILL": "01/01/2005",     # a child in care in 2015/16, so the 2016 return has an episode
}


def episode(cid, start, end="", rec="", ls="C2", rne="S", place="U4"):
    return {"CHILD": cid, "DECOM": start, "RNE": rne, "LS": ls, "PLACE": place, "PLACE_PROVIDER": "PR1",
            "DEC": end, "REC": rec}


def oc3(cid, in_touch, activ, accom):
    return {"CHILD": cid, "DOB": DOB[cid], "IN_TOUCH": in_touch, "ACTIV": activ, "ACCOM": accom}


EPISODES = {
    2014: [  # ended 1 April 2013 - 31 March 2014
        episode("Y1V3", "30/03/2013", "03/04/2013", "E13", ls="V3", place="K2"),
        episode("Y1OLD", "01/01/2011", "02/04/2013", "E13"),
        episode("Y1ENDAPR1", "01/01/2012", "01/04/2013", "E13"),
    ],
    2015: [  # ended in 2014/15, on or just before the 18th birthday
        episode("Y1IN", "01/01/2012", "10/03/2015", "E17"),
        episode("Y1APR1", "01/04/2013", "11/03/2015", "E17"),
        episode("Y1V3", "01/06/2013", "12/03/2015", "E17"),
        episode("Y1NOOC3", "01/01/2012", "13/03/2015", "E17"),
        episode("Y1APR2", "02/04/2013", "14/03/2015", "E17"),
    ],
    2016: [
        episode("Y1FILL", "01/01/2015"),
    ],
}

OC3_2016 = [  # 19th birthdays in 2015/16
    oc3("Y1IN", "YES", "F2", "C1"),      # EET, suitable
    oc3("Y1APR1", "YES", "G5", "U1"),    # not EET, suitable
    oc3("Y1APR2", "YES", "F1", "B1"),    # EET, suitable: not in the Year 1 cohort
    oc3("Y1OLD", "YES", "G5", "U2"),     # not EET, unsuitable (19 on 2 April 2015)
    oc3("Y1PRE", "YES", "F2", "C1"),     # EET, suitable (19 on 1 April 2015): cohort date before the data
]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    for year, episodes in EPISODES.items():
        children = sorted({e["CHILD"] for e in episodes})
        write_family(raw, LA, "placement", {
            "ssda903_header": [{"CHILD": c, "SEX": "1", "DOB": DOB[c]} for c in children],
            "ssda903_episodes": episodes,
            "ssda903_oc3": OC3_2016 if year == 2016 else [],
        }, year=year)
    published, build = published_and_build(raw, tmp_path_factory.mktemp("wh"))
    yield published, build
    published.close()
    build.close()


def value(con, definition, period_start):
    return indicator_value(con, LA, definition, period_start)


def cohort(build):
    """{child: (in_year1_cohort, in_oc3)} of the 19th birthdays in collection year 2016."""
    return {r[0]: (r[1], r[2]) for r in build.execute(
        "select child_id, in_year1_cohort, in_oc3 from intermediate.int_care_leavers "
        "where la_code = ? and collection_year = 2016 and age_at_birthday = 19", [LA]).fetchall()}


def test_the_cohort_boundaries(warehouse):
    _, build = warehouse
    c = cohort(build)
    assert c["Y1IN"] == (True, True)
    assert c["Y1APR1"] == (True, True)      # came into care on 1 April 2013 itself: looked after that day
    assert c["Y1APR2"] == (False, True)     # came into care on 2 April 2013: a day late (the OC3 lists them)
    assert "Y1ENDAPR1" not in c             # left care on 1 April 2013: an episode ending on a day has ended by it
    assert "Y1V3" not in c                  # on 1 April 2013 only in a V3 short break; full-time care later
    assert c["Y1NOOC3"] == (True, False)    # in the cohort, no OC3 row
    # 17 on 2 April 2013: the 1 April in the 17th year is 1 April 2013 (aged 16), when the
    # episode ending 2 April 2013 was open; on 1 April 2014 (aged 17) not looked after
    assert c["Y1OLD"] == (True, True)
    # 16 on 1 April 2012, which is the 1 April in their 17th year: before the history begins,
    # so not found in it (the OC3 lists them)
    assert c["Y1PRE"] == (False, True)
    dates = dict(build.execute(
        "select child_id, year1_cohort_date::varchar from intermediate.int_care_leavers "
        "where la_code = ? and age_at_birthday = 19", [LA]).fetchall())
    assert dates == {"Y1IN": "2013-04-01", "Y1APR1": "2013-04-01", "Y1NOOC3": "2013-04-01", "Y1OLD": "2013-04-01",
                     "Y1APR2": "2013-04-01", "Y1PRE": "2012-04-01"}


def test_b11_b12_march_2016(warehouse):
    published, _ = warehouse
    # cohort with a 19th birthday in March 2016: Y1IN (C1 suitable, F2 EET), Y1APR1 (U1
    # suitable, G5 not EET), Y1NOOC3 (no OC3 record: denominator only). Not Y1APR2 (not
    # looked after on 1 April 2013) although the OC3 lists them as suitable and EET.
    assert value(published, "B11_v1", MARCH_2016) == (2, 3, Decimal("66.6667"))
    assert value(published, "B12_v1", MARCH_2016) == (1, 3, Decimal("33.3333"))


def test_b11_b12_for_the_young_person_17_the_day_after_1_april(warehouse):
    published, _ = warehouse
    # Y1OLD, 19 on 2 April 2015: in the cohort (aged 16 on 1 April 2013); U2 unsuitable, G5.
    # Not Y1PRE (19 on 1 April 2015, suitable and EET in the OC3): not found in the history
    assert value(published, "B11_v1", APRIL_2015) == (0, 1, 0.0)
    assert value(published, "B12_v1", APRIL_2015) == (0, 1, 0.0)


def test_b13_b14_keep_the_oc3_cohort(warehouse):
    published, _ = warehouse
    # OC3 rows with a 19th-21st birthday in March 2016: Y1IN (C1, F2), Y1APR1 (U1, G5),
    # Y1APR2 (B1, F1); Y1NOOC3 has no OC3 row and is in neither
    assert value(published, "B13_v1", MARCH_2016) == (3, 3, 100.0)
    assert value(published, "B14_v1", MARCH_2016) == (2, 3, Decimal("66.6667"))


def test_warn_findings_count_the_young_people_the_oc3_and_the_cohort_disagree_on(warehouse):
    published, build = warehouse
    findings = published.execute(
        "select check_name, severity, source, rows_affected, row_numbers from quality.findings "
        "where la_code = ? and stage = 'check.care_leaver_cohort' order by 1", [LA]).fetchall()
    oc3_rows = dict(build.execute("select \"CHILD\", _row_number from raw.ssda903_oc3 where la_code = ?",
                                  [LA]).fetchall())
    # Y1NOOC3 is in the cohort with no OC3 row: the episode open on 1 April 2013 (2015 file)
    episode_row = build.execute(
        "select _row_number from raw.ssda903_episodes where la_code = ? and \"CHILD\" = 'Y1NOOC3'", [LA]).fetchone()[0]
    assert findings == [
        # the OC3 of 2016 lists Y1APR2, whom the history shows coming into care a day late
        ("OC3 young person outside the Year 1 cohort", "WARN", f"{LA}/placement/ssda903/2016/oc3.csv", 1,
         [oc3_rows["Y1APR2"]]),
        # ... and Y1PRE, whose 1 April (2012) is before the history (from 1 April 2013)
        ("OC3 young person with 1 April before the episode history", "WARN",
         f"{LA}/placement/ssda903/2016/oc3.csv", 1, [oc3_rows["Y1PRE"]]),
        ("Year 1 cohort young person missing from the OC3", "WARN", f"{LA}/placement/ssda903/2015/episodes.csv", 1,
         [episode_row]),
    ]
    # no other WARN or ERROR for this authority: the data are otherwise clean
    others = published.execute(
        "select check_name from quality.findings where la_code = ? and severity in ('WARN', 'ERROR') "
        "and stage <> 'check.care_leaver_cohort'", [LA]).fetchall()
    assert others == []
