"""The SSDA903 history loses nobody (issue 14): collection years combined, a child looked
after stays counted whatever rule their records break, and each rule applied is a finding.

One pipeline run; each authority folder is a scenario:
  HOPEN   an episode open in the 2016 return and absent from the 2017 and 2018 returns
  HBACK   the same, and the child's next episode (in the 2017 return) starts on 1 April 2016
  HOVER   one 2017 return: a child with overlapping episodes, one with a PLACE that is not a
          code, one with a clean history (B10, OP_CLA and OP_CLA_RATE at 31 March 2017)
  EXT5    five returns, 2014-2018, built from the third-party files (see five_returns) with
          three year-to-year disagreements worked by hand below

Expected values were worked out by hand from the dates written here. Which child is in a
measure's evidence comes from the published evidence, each pseudonym read back as the child
it stands for (tests/conftest.py: pseudonym).
"""

from __future__ import annotations

import calendar
import csv
import os
from datetime import date

import pytest

from tests.conftest import indicator_value, pseudonym, published_and_build
from tests.rawdata import EXTERNAL_903, write_family


def episode(cid, start, rne, place, provider="PR1", end="", rec="", ls="C2"):
    return {"CHILD": cid, "DECOM": start, "RNE": rne, "LS": ls, "PLACE": place, "PLACE_PROVIDER": provider,
            "DEC": end, "REC": rec}


def placement(raw, la, year, episodes, dob="01/01/2008", headers=None):
    children = sorted({e["CHILD"] for e in episodes})
    header = headers or [{"CHILD": c, "SEX": "1", "DOB": dob} for c in children]
    write_family(raw, la, "placement", {"ssda903_header": header, "ssda903_episodes": episodes}, year=year)


# ------------------------------------------------------------ five returns from the third party


def _parse(text: str) -> date:
    d, m, y = text.split("/")
    return date(int(y), int(m), int(d))


def _year_earlier(text: str) -> str:
    if not text:
        return text
    d = _parse(text)
    d = date(d.year - 1, d.month, min(d.day, calendar.monthrange(d.year - 1, d.month)[1]))
    return d.strftime("%d/%m/%Y")


def _read_external(name: str) -> list[dict]:
    with (EXTERNAL_903 / name).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


# The three disagreements (third-party children, dates after the one-year shift below):
GONE = "786381"      # one episode, 09/02/2014 - 08/09/2016 E5: left out of the 2017 return
CHANGED = "57098"    # one episode, 06/02/2014 - 10/06/2016 E3: the 2016 return closes it 10/03/2016
REDATED = "895870"   # one episode, 02/10/2015 - 16/11/2016 E4B: the 2016 return dates it 12/09/2015


def five_returns() -> dict[int, list[dict]]:
    """The third-party files hold one return (2017/18) whose episodes start from January
    2015. Moved a year earlier (every date; 29 February to 28 February), that return is the
    2017 one, and the returns 2014, 2015, 2016 and 2018 are what each would have held of the
    same history: the episodes open at some time in its year (DECOM on or before 31 March,
    DEC blank or on or after 1 April of the year before), with DEC, REC and
    REASON_PLACE_CHANGE blank when the episode ceased after the year's 31 March (the 2017
    return is the third party's own, as it is). Then three returns disagree with later ones:
    GONE is absent from the 2017 return (and has nothing in 2018), the 2016 return closes
    CHANGED's episode on 10 March 2016, and the 2016 return dates REDATED's episode 20
    days early."""
    episodes = []
    for r in _read_external("episodes.csv"):
        episodes.append({**r, "DECOM": _year_earlier(r["DECOM"]), "DEC": _year_earlier(r["DEC"])})
    returns = {}
    for year in range(2014, 2019):
        first, last = date(year - 1, 4, 1), date(year, 3, 31)
        rows = []
        for r in episodes:
            start, end = _parse(r["DECOM"]), _parse(r["DEC"]) if r["DEC"] else None
            if start > last or (end is not None and end < first):
                continue
            r = dict(r)
            if year != 2017 and end is not None and end > last:
                r.update(DEC="", REC="", REASON_PLACE_CHANGE="")
            rows.append(r)
        returns[year] = rows
    # the disagreements, each checked against what the files hold
    gone = [r for r in returns[2017] if r["CHILD"] == GONE]
    assert [(r["DECOM"], r["DEC"], r["REC"]) for r in gone] == [("09/02/2014", "08/09/2016", "E5")]
    returns[2017] = [r for r in returns[2017] if r["CHILD"] != GONE]
    assert not [r for r in returns[2018] if r["CHILD"] == GONE]
    (changed,) = [r for r in returns[2016] if r["CHILD"] == CHANGED]
    assert (changed["DECOM"], changed["DEC"]) == ("06/02/2014", "")   # open at 31 March 2016
    assert [(r["DEC"], r["REC"]) for r in returns[2017] if r["CHILD"] == CHANGED] == [("10/06/2016", "E3")]
    changed.update(DEC="10/03/2016", REC="E3")
    (redated,) = [r for r in returns[2016] if r["CHILD"] == REDATED]
    assert (redated["DECOM"], redated["DEC"]) == ("02/10/2015", "")
    assert [(r["DECOM"], r["DEC"]) for r in returns[2017] if r["CHILD"] == REDATED] == [("02/10/2015", "16/11/2016")]
    redated["DECOM"] = "12/09/2015"
    return returns


def write_five_returns(raw, la: str) -> dict[int, list[dict]]:
    headers = {}
    for r in _read_external("header.csv"):
        headers.setdefault(r["CHILD"], {**r, "DOB": _year_earlier(r["DOB"]), "MC_DOB": _year_earlier(r["MC_DOB"])})
    returns = five_returns()
    for year, rows in returns.items():
        children = sorted({r["CHILD"] for r in rows})
        placement(raw, la, year, rows, headers=[headers[c] for c in children if c in headers])
    return returns


# ------------------------------------------------------------ the run


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    assert EXTERNAL_903.is_dir(), f"the third-party files are read from {EXTERNAL_903} (or set CSC_SHARED_DIR)"
    raw = tmp_path_factory.mktemp("raw")

    # (a) GONE is open in the 2016 return, in no later one; STAY is in every return
    stay = episode("STAY", "01/05/2015", "S", "U4")
    placement(raw, "HOPEN", 2016, [episode("GONE", "01/06/2015", "S", "U4"), stay])
    placement(raw, "HOPEN", 2017, [stay])
    placement(raw, "HOPEN", 2018, [stay])
    # BACK's 2016 episode is in no later return; the 2017 return has a new one from 1 April
    back = episode("BACK", "01/04/2016", "S", "U6")
    placement(raw, "HBACK", 2016, [episode("BACK", "01/01/2016", "S", "U4")])
    placement(raw, "HBACK", 2017, [back])
    placement(raw, "HBACK", 2018, [back])

    # (b) overlapping episodes and an unknown PLACE, beside a clean history
    placement(raw, "HOVER", 2017, [
        episode("TOK", "01/01/2016", "S", "U4"),
        episode("TOVER", "01/01/2016", "S", "U4"),
        episode("TOVER", "01/06/2016", "P", "U6", "PR4", end="01/12/2016", rec="E4A"),
        episode("TCODE", "01/02/2016", "S", "ZZ"),
    ])
    # under-18 population 18,000 (1,000 at each age 0-17) every year
    write_family(raw, "HOVER", "reference", {"population": [
        {"year": str(y), "age": str(a), "population": "1000"} for y in range(2014, 2019) for a in range(0, 18)]})

    # (c) five years of third-party returns that disagree
    returns = write_five_returns(raw, "EXT5")

    # the tests read the children behind figures of 2014-2016 from the published evidence:
    # publish every contract year's (the default keeps the latest two)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CSC_EVIDENCE_YEARS", "0")
        published, build = published_and_build(raw, tmp_path_factory.mktemp("wh"))
    yield published, build, returns
    published.close()
    build.close()


value = indicator_value


def evidence(published, build, la, definition) -> dict[str, set[str]]:
    """{month: children} of a definition's published evidence, pseudonyms read back as the
    children of the build file's SSDA903 extracts."""
    key = os.environ["CSC_HMAC_KEY"].encode()
    children = {pseudonym(key, la, c): c for (c,) in build.execute(
        'select distinct "CHILD" from raw.ssda903_episodes where la_code = ?', [la]).fetchall()}
    months: dict[str, set[str]] = {}
    for month, child in published.execute(
            "select period_start::varchar, child_id from marts.indicator_evidence "
            "where la_code = ? and definition_id = ?", [la, definition]).fetchall():
        months.setdefault(month, set()).add(children[child])
    return months


def months_of(published, build, la, definition, child) -> list[str]:
    return sorted(m for m, kids in evidence(published, build, la, definition).items() if child in kids)


def month_range(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}-01" <= last:
        out.append(f"{y:04d}-{m:02d}-01")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def findings(published, la, check):
    return published.execute(
        "select source, severity, rows_affected, row_numbers, subjects_affected from quality.findings "
        "where la_code = ? and check_name = ? order by source", [la, check]).fetchall()


def row_number(build, la, year, child, decom):
    return build.execute(
        'select _row_number from raw.ssda903_episodes where la_code = ? and collection_year = ? '
        'and "CHILD" = ? and "DECOM" = ?', [la, year, child, decom]).fetchone()[0]


def episodes_file(la, year):
    return f"{la}/placement/ssda903/{year}/episodes.csv"


# ------------------------------------------------------------ (a) an episode left open


def test_an_episode_left_open_counts_to_31_march_of_its_year(warehouse):
    published, build, _ = warehouse
    # GONE: from 1 June 2015 (June month end) to 31 March 2016; the coverage starts April 2015
    assert months_of(published, build, "HOPEN", "OP_CLA", "GONE") == month_range("2015-06-01", "2016-03-01")
    # STAY is in every return: May 2015 to March 2018
    assert months_of(published, build, "HOPEN", "OP_CLA", "STAY") == month_range("2015-05-01", "2018-03-01")
    assert value(published, "HOPEN", "OP_CLA", "2016-03-01")[2] == 2
    assert value(published, "HOPEN", "OP_CLA", "2016-04-01")[2] == 1


def test_the_boundary_is_31_march_counted_1_april_not(warehouse):
    _, build, _ = warehouse
    # ended on 1 April 2016 (an episode ending on a day has ended by it): looked after on
    # 31 March, not on 1 April; no reason ceased is made up
    kept = build.execute(
        "select start_date::varchar, end_date::varchar, reason_episode_ceased, is_left_open, period_end_date::varchar "
        "from intermediate.int_care_periods where la_code = 'HOPEN' and child_id = 'GONE'").fetchall()
    assert kept == [("2015-06-01", "2016-04-01", None, True, "2016-04-01")]
    # BACK: the old episode ends on 1 April, the 2017 return's episode starts that day: no
    # overlap, looked after at both month ends, two periods of care
    assert build.execute(
        "select count(*) from intermediate.int_ssda903_episode_checks where la_code = 'HBACK' and is_excluded"
    ).fetchone()[0] == 0
    at = dict(build.execute(
        "select period_start::varchar, episode_start_date::varchar from intermediate.int_looked_after_at_month_end "
        "where la_code = 'HBACK' and period_start in ('2016-03-01', '2016-04-01')").fetchall())
    assert at == {"2016-03-01": "2016-01-01", "2016-04-01": "2016-04-01"}


def test_an_episode_left_open_is_a_warn_finding_with_rows_and_children(warehouse):
    published, build, _ = warehouse
    row = row_number(build, "HOPEN", 2016, "GONE", "01/06/2015")
    assert findings(published, "HOPEN", "episode left open in an earlier return") == [
        (episodes_file("HOPEN", 2016), "WARN", 1, [row], 1)]
    message = published.execute(
        "select message from quality.findings where la_code = 'HOPEN' and check_name = ?",
        ["episode left open in an earlier return"]).fetchone()[0]
    assert message.endswith("Children affected: 1.") and "GONE" not in message
    assert findings(published, "HBACK", "episode left open in an earlier return")[0][2:] == (
        1, [row_number(build, "HBACK", 2016, "BACK", "01/01/2016")], 1)
    # STAY's 2016 and 2017 rows give way to the 2018 one unchanged: no finding
    assert findings(published, "HOPEN", "episode changed in a later return") == []


# ------------------------------------------------------------ (b) excluded but looked after


def test_children_with_excluded_episodes_are_still_looked_after(warehouse):
    published, _, _ = warehouse
    # 31 March 2017: TOK, TOVER (overlapping episodes, both excluded), TCODE (PLACE ZZ)
    assert value(published, "HOVER", "OP_CLA", "2017-03-01")[2] == 3
    # per 10,000 of 18,000 children
    assert float(value(published, "HOVER", "OP_CLA_RATE", "2017-03-01")[2]) == pytest.approx(3 / 18000 * 10000, abs=1e-3)


def test_measures_that_need_the_history_leave_them_out_and_say_how_many(warehouse):
    published, build, _ = warehouse
    # B10: TOK alone (one placement); TOVER and TCODE have an excluded episode in the window
    assert value(published, "HOVER", "B10_v1", "2017-03-01") == (0, 1, 0.0)
    assert set(evidence(published, build, "HOVER", "B10_v1")["2017-03-01"]) == {"TOK"}
    assert evidence(published, build, "HOVER", "OP_CLA")["2017-03-01"] == {"TOK", "TOVER", "TCODE"}
    # the placement at the month end of TOVER and TCODE is not known: TOK (U4, PR1) only
    assert value(published, "HOVER", "OP_CLA_IN_HOUSE_FOSTER", "2017-03-01")[2] == 1
    assert value(published, "HOVER", "OP_CLA_OUT_OF_AUTHORITY", "2017-03-01") == (0, 1, 0.0)
    for check in ["children left out of B10", "children left out of B9", "children left out of OP_CLA_IN_HOUSE_FOSTER",
                  "children left out of OP_CLA_OUT_OF_AUTHORITY"]:
        (found,) = findings(published, "HOVER", check)
        assert found[1] == "WARN" and found[4] == 2, (check, found)
    # and the rows: two overlapping episodes of one child, one PLACE not a code
    overlapping = sorted(row_number(build, "HOVER", 2017, "TOVER", d) for d in ("01/01/2016", "01/06/2016"))
    assert [f[2:] for f in findings(published, "HOVER", "episodes overlap")] == [(2, overlapping, 1)]
    assert [f[2:] for f in findings(published, "HOVER", "PLACE valid for the year")] == [
        (1, [row_number(build, "HOVER", 2017, "TCODE", "01/02/2016")], 1)]


def test_no_measure_leaves_out_more_children_than_its_finding_says(warehouse):
    published, build, _ = warehouse
    for la in ("HOVER", "EXT5"):
        cla = evidence(published, build, la, "OP_CLA")
        for definition, check in [("B10_v1", "children left out of B10"),
                                  ("OP_CLA_OUT_OF_AUTHORITY", "children left out of OP_CLA_OUT_OF_AUTHORITY")]:
            population = evidence(published, build, la, definition)
            left_out = set().union(*(kids - population.get(m, set()) for m, kids in cla.items()))
            said = sum(f[4] for f in findings(published, la, check))
            assert len(left_out) == said, (la, definition, len(left_out), said)


# ------------------------------------------------------------ (c) five years that disagree


def shown_looked_after(returns) -> dict[str, set[str]]:
    """{month: children} that some return shows looked after at the month end, not on a
    short break (LS V3/V4): an episode with DECOM on or before it and DEC blank or after it,
    for month ends up to the return's own 31 March (a blank DEC says nothing after it)."""
    shown: dict[str, set[str]] = {}
    for year, rows in returns.items():
        for r in rows:
            if r["LS"] in ("V3", "V4"):
                continue
            start, end = _parse(r["DECOM"]), _parse(r["DEC"]) if r["DEC"] else None
            for month in month_range("2014-04-01", f"{year}-03-01"):
                month_end = date(int(month[:4]), int(month[5:7]), calendar.monthrange(int(month[:4]), int(month[5:7]))[1])
                if start <= month_end and (end is None or end > month_end):
                    shown.setdefault(month, set()).add(r["CHILD"])
    return shown


def test_every_child_any_return_shows_looked_after_is_counted_then(warehouse):
    published, build, returns = warehouse
    counted = evidence(published, build, "EXT5", "OP_CLA")
    shown = shown_looked_after(returns)
    reported = month_range("2014-04-01", "2018-03-01")   # from the reporting start to the last return
    assert sorted(counted) == reported
    for month in reported:
        assert counted[month] == shown.get(month, set()), (
            month, sorted(shown.get(month, set()) - counted[month])[:5], sorted(counted[month] - shown.get(month, set()))[:5])


def test_the_three_disagreements_worked_by_hand(warehouse):
    published, build, _ = warehouse
    # GONE: 9 Feb 2014 to 31 March 2016 (left open in the 2016 return); the third party's
    # DEC (8 Sep 2016) is in no return any more
    assert months_of(published, build, "EXT5", "OP_CLA", GONE) == month_range("2014-04-01", "2016-03-01")
    # CHANGED: the 2017 return's DEC (10 June 2016) wins over the 2016 return's 10 March:
    # looked after at 31 March, 30 April and 31 May 2016, not 30 June
    assert months_of(published, build, "EXT5", "OP_CLA", CHANGED) == month_range("2014-04-01", "2016-05-01")
    # REDATED: the 2016 return (12 Sep 2015) and the later ones (2 Oct 2015) disagree; both
    # versions overlap and are excluded, and the child counts from the earlier: 30 September
    # 2015 to 31 October 2016 (ceased 16 November 2016)
    assert months_of(published, build, "EXT5", "OP_CLA", REDATED) == month_range("2015-09-01", "2016-10-01")
    assert REDATED not in set().union(*evidence(published, build, "EXT5", "B10_v1").values())


def test_each_rule_applied_has_a_finding(warehouse):
    published, build, _ = warehouse
    f2016 = episodes_file("EXT5", 2016)
    # left open: GONE's and REDATED's 2016 rows (REDATED's 12 Sep 2015 episode is in no later return)
    left_open = findings(published, "EXT5", "episode left open in an earlier return")
    assert left_open == [(f2016, "WARN", 2, sorted([row_number(build, "EXT5", 2016, GONE, "09/02/2014"),
                                                     row_number(build, "EXT5", 2016, REDATED, "12/09/2015")]), 2)]
    # changed: CHANGED's 2016 row only (every other episode in two returns is the same in
    # both, or open in the earlier and closed in the later)
    assert findings(published, "EXT5", "episode changed in a later return") == [
        (f2016, "WARN", 1, [row_number(build, "EXT5", 2016, CHANGED, "06/02/2014")], 1)]
    # overlap: REDATED's two versions, each in its own file
    overlaps = {f[0]: f for f in findings(published, "EXT5", "episodes overlap")}
    assert overlaps[f2016][2:4] == (1, [row_number(build, "EXT5", 2016, REDATED, "12/09/2015")])
    # (a finding lists at most 50 row numbers: the 2017 file's are read from the flags)
    flagged = build.execute(
        "select _row_number from intermediate.int_ssda903_episode_checks where la_code = 'EXT5' "
        "and _source_file = ? and is_overlapping", [episodes_file("EXT5", 2017)]).fetchall()
    assert overlaps[episodes_file("EXT5", 2017)][2] == len(flagged)
    assert (row_number(build, "EXT5", 2017, REDATED, "02/10/2015"),) in flagged
    # the measures that leave REDATED out say so
    left_out = build.execute(
        "select definition_id from intermediate.int_ssda903_children_left_out where la_code = 'EXT5' and child_id = ? "
        "order by 1", [REDATED]).fetchall()
    assert [d for (d,) in left_out] == ["B10_v1", "B9_v1", "OP_CLA_IN_HOUSE_FOSTER", "OP_CLA_OUT_OF_AUTHORITY"]
    for check in ["children left out of B9", "children left out of B10"]:
        assert findings(published, "EXT5", check)[0][4] > 0
    assert published.execute("select count(*) from quality.findings where severity = 'ERROR'").fetchone()[0] == 0
