"""The SSD as the landing format of the looked-after side (issue 17): the SSDA903 history derived from
ssd_cla_episodes, ssd_cla_placement and ssd_legal_status, and parity with the native SSDA903 returns.

Two pipeline runs. The first has two authorities side by side: DEMO01 landed natively (its
SSDA903 returns) and TSSD, a hand-made SSD authority (no SSDA903 files). The second has DEMO01
landed as SSD: the same simulated children written by orchestration.demo_data.ssd_looked_after
(and ssd_person), its case and other families as in the first run.

TSSD, month end 31 March 2017 (collection year 2017; every child born 1 January 2008, so 9):
- SA  period from 1 Jan 2014, one foster placement (U4) throughout; legal status V2 until
      1 Jun 2014, then C2: an episode split by a legal status change only (RNE L).
- SB  period from 1 Mar 2014: U4 to 1 Jun 2016; U6 to 1 Oct 2016 (and C1 to C2 the same day:
      RNE B); K2 from 1 Oct 2016 (RNE P).
- SC  period from 1 May 2016: U4 (carer X) to 1 Aug 2016, a T3 stay to 10 Aug 2016, then back
      to carer X (a new placement row, same PLACE, provider and URN): the temporary placement
      and the return from it are episodes (RNE P) but not moves.
- SD  period 1 Jan 2015 - 1 Jun 2016, returned home (E4A); a new period from 1 Sep 2016 (V2,
      U6): RNE S again.
- SE  period from 1 Jun 2014: U4 to 1 Dec 2016, then placed for adoption with the same foster
      carers (A5) with a placement order (C2 to E1) the same day: RNE U, not a move.
B9 (seed indicator_definitions__children_in_care.csv:4): under 16 and looked after
continuously 30 months by 31 Mar 2017 (started by 30 Sep 2014): SA, SB, SE -> denominator 3;
same carer 2 years (since 31 Mar 2015 at the latest): SA (since 1 Jan 2014, the L change is not
a move), SE (since 1 Jun 2014, A5 with the current carer is not a move); SB's carer since
1 Oct 2016 -> numerator 2.
B10 (seed :5): looked after on 31 Mar 2017: SA, SB, SC, SD, SE -> denominator 5; 3 or more
carer spells open in 1 Apr 2016 - 31 Mar 2017: SB (U4 until 1 Jun 2016, U6, K2) only; SC has
one (the T3 stay and the return are not moves), SD two (U4 ended 1 Jun 2016, U6) -> numerator 1.
"""

from __future__ import annotations

import csv
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import numpy as np
import pytest

from tests.conftest import indicator_value, run_warehouse
from tests.rawdata import write_table

LA = "TSSD"
MARCH_2017 = "2017-03-01"


def cla(eid, person, cla_id, start, ceased="", reason=""):
    """A row of ssd_cla_episodes."""
    return {"clae_cla_episode_id": eid, "clae_person_id": person, "clae_cla_id": cla_id,
            "clae_cla_episode_start_date": start, "clae_cla_episode_ceased_date": ceased,
            "clae_cla_episode_ceased_reason": reason, "clae_cla_primary_need_code": "N1"}


def place(pid, cla_id, start, end, kind, provider="PR1", urn=""):
    """A row of ssd_cla_placement."""
    return {"clap_cla_placement_id": pid, "clap_cla_id": cla_id, "clap_cla_placement_start_date": start,
            "clap_cla_placement_end_date": end, "clap_cla_placement_type": kind,
            "clap_cla_placement_provider": provider, "clap_cla_placement_urn": urn}


def status(lid, person, code, start, end=""):
    """A row of ssd_legal_status."""
    return {"lega_legal_status_id": lid, "lega_person_id": person, "lega_legal_status": code,
            "lega_legal_status_start_date": start, "lega_legal_status_end_date": end}


def write_hand_made(raw: Path) -> None:
    """TSSD (see the module docstring): SSD tables only."""
    episodes = [
        cla("EA", "SA", "CA", "2014-01-01"),
        cla("EB", "SB", "CB", "2014-03-01"),
        cla("EC", "SC", "CC", "2016-05-01"),
        cla("ED1", "SD", "CD1", "2015-01-01", "2016-06-01", "E4A"),
        cla("ED2", "SD", "CD2", "2016-09-01"),
        cla("EE", "SE", "CE", "2014-06-01"),
    ]
    placements = [
        place("PA", "CA", "2014-01-01", "", "U4"),
        place("PB1", "CB", "2014-03-01", "2016-06-01", "U4"),
        place("PB2", "CB", "2016-06-01", "2016-10-01", "U6", "PR4"),
        place("PB3", "CB", "2016-10-01", "", "K2", "PR4"),
        place("PC1", "CC", "2016-05-01", "2016-08-01", "U4", "PR1", "SC100001"),
        place("PC2", "CC", "2016-08-01", "2016-08-10", "T3", "PR1"),
        place("PC3", "CC", "2016-08-10", "", "U4", "PR1", "SC100001"),
        place("PD1", "CD1", "2015-01-01", "2016-06-01", "U4"),
        place("PD2", "CD2", "2016-09-01", "", "U6", "PR4"),
        place("PE1", "CE", "2014-06-01", "2016-12-01", "U4"),
        place("PE2", "CE", "2016-12-01", "", "A5"),
    ]
    statuses = [
        status("LA1", "SA", "V2", "2014-01-01", "2014-06-01"), status("LA2", "SA", "C2", "2014-06-01"),
        status("LB1", "SB", "C1", "2014-03-01", "2016-06-01"), status("LB2", "SB", "C2", "2016-06-01"),
        status("LC", "SC", "C2", "2016-05-01"),
        status("LD1", "SD", "C2", "2015-01-01", "2016-06-01"), status("LD2", "SD", "V2", "2016-09-01"),
        status("LE1", "SE", "C2", "2014-06-01", "2016-12-01"), status("LE2", "SE", "E1", "2016-12-01"),
    ]
    people = [{"pers_person_id": p, "pers_sex": "F", "pers_dob": "2008-01-01"} for p in ("SA", "SB", "SC", "SD", "SE")]
    # a missing spell on the month end dates the extract (its latest recorded date: 31 March 2017)
    missing = [{"miss_table_id": "M1", "miss_person_id": "SB", "miss_missing_episode_type": "M",
                "miss_missing_episode_start_date": "2017-03-30", "miss_missing_episode_end_date": "2017-03-31"}]
    for table, rows in (("ssd_person", people), ("ssd_cla_episodes", episodes), ("ssd_cla_placement", placements),
                        ("ssd_legal_status", statuses), ("ssd_missing", missing)):
        write_table(raw, LA, table, rows)


def write_bad(raw: Path) -> None:
    """TSSDBAD: an SSD authority with broken looked-after rows (WARN findings only)."""
    write_table(raw, "TSSDBAD", "ssd_person", [{"pers_person_id": "X1", "pers_sex": "M", "pers_dob": "2008-01-01"}])
    write_table(raw, "TSSDBAD", "ssd_cla_episodes", [
        cla("E1", "X1", "C1", "2016-01-01"),
        cla("E2", "X2", "C2", "2016-01-01"),            # row 2: X2 is not in ssd_person
    ])
    write_table(raw, "TSSDBAD", "ssd_cla_placement", [
        place("P1", "C1", "2016-01-01", "2016-06-01", "U4"),   # then nothing from 1 June: a gap
        place("P2", "C2", "2016-01-01", "", "U4"),
        place("P9", "C9", "2016-01-01", "", "U4"),             # row 3: CLA id C9 has no CLA episode
    ])
    write_table(raw, "TSSDBAD", "ssd_legal_status", [status("L1", "X1", "C2", "2016-01-01"),
                                                       status("L2", "X2", "C2", "2016-01-01")])
    write_table(raw, "TSSDBAD", "ssd_cla_reviews", [
        {"clar_cla_review_id": "R1", "clar_cla_review_date": "2016-03-01", "clar_cla_id": "C1",
         "clar_cla_person_id": "X1", "clar_cla_review_cancelled": "Y"},                # row 1: cancelled
        {"clar_cla_review_id": "R2", "clar_cla_review_date": "2016-03-01", "clar_cla_id": "C7",
         "clar_cla_person_id": "X1"},                                                  # row 2: no such CLA id
    ])


def write_person(la, out: Path) -> None:
    """ssd_person of the simulated authority's children (the case side's SSD writer does this in the product)."""
    from orchestration.demo_data.core import ETHNIC, as_str, fmt_dates

    kids = np.unique(la.E["child"])
    kids = kids[la.cid[kids] >= 0]  # children the simulation gave an identifier (the others are never written)
    path = out / la.code / "ssd" / "ssd_person.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["pers_person_id", "pers_sex", "pers_ethnicity", "pers_dob"])
        writer.writerows(zip(as_str(la.cid[kids]), np.where(la.C.sex[kids] == 2, "F", "M").tolist(),
                             np.asarray(ETHNIC, object)[la.C.eth[kids]].tolist(), fmt_dates(la.C.dob[kids])))


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """(published native + TSSD, build native + TSSD, published SSD, build SSD)."""
    from orchestration.demo_data import _simulate_and_write
    from orchestration.demo_data.core import Authority
    from orchestration.demo_data.ssd_looked_after import write_looked_after

    native, ssd = tmp_path_factory.mktemp("native"), tmp_path_factory.mktemp("ssd")
    la = Authority("DEMO01", 0, 0, date(2011, 4, 1), date(2019, 3, 31))
    _simulate_and_write(la, native)
    shutil.copytree(native / "DEMO01", ssd / "DEMO01", ignore=shutil.ignore_patterns("ssda903"))
    write_looked_after(la, ssd)
    write_person(la, ssd)
    write_hand_made(native)
    write_bad(native)
    out = []
    for raw in (native, ssd):
        wh = tmp_path_factory.mktemp("wh")
        _, summary = run_warehouse(raw, wh)
        assert summary["published"], summary
        out += [duckdb.connect(str(wh / "warehouse.duckdb"), read_only=True),
                duckdb.connect(str(wh / "build" / "build.duckdb"), read_only=True)]
    yield out
    for con in out:
        con.close()


def _value(con, definition):
    n, d, v = indicator_value(con, LA, definition, MARCH_2017)
    return n, d, round(float(v), 4)


def test_episodes_derived_with_rne_and_rec(runs):
    _, build, _, _ = runs
    rows = build.execute(
        "select child_id, start_date::varchar, reason_new_episode, legal_status, placement_type, end_date::varchar, "
        "reason_episode_ceased from intermediate.int_cla__episodes where la_code = ? order by 1, 2", [LA]).fetchall()
    assert rows == [
        ("SA", "2014-01-01", "S", "V2", "U4", "2014-06-01", "X1"),
        ("SA", "2014-06-01", "L", "C2", "U4", None, None),        # legal status change only
        ("SB", "2014-03-01", "S", "C1", "U4", "2016-06-01", "X1"),
        ("SB", "2016-06-01", "B", "C2", "U6", "2016-10-01", "X1"),  # both on the same day
        ("SB", "2016-10-01", "P", "C2", "K2", None, None),
        ("SC", "2016-05-01", "S", "C2", "U4", "2016-08-01", "X1"),
        ("SC", "2016-08-01", "P", "C2", "T3", "2016-08-10", "X1"),  # temporary placement
        ("SC", "2016-08-10", "P", "C2", "U4", None, None),          # the return from it
        ("SD", "2015-01-01", "S", "C2", "U4", "2016-06-01", "E4A"),  # returned home: the period's reason
        ("SD", "2016-09-01", "S", "V2", "U6", None, None),          # a new period of care
        ("SE", "2014-06-01", "S", "C2", "U4", "2016-12-01", "X1"),
        ("SE", "2016-12-01", "U", "E1", "A5", None, None),          # same carers, new legal status
    ]


def test_temporary_placement_and_return_are_not_moves(runs):
    _, build, _, _ = runs
    rows = build.execute(
        "select start_date::varchar, is_temporary, is_return_from_temporary from intermediate.int_temporary_placements "
        "where la_code = ? and child_id = 'SC' order by 1", [LA]).fetchall()
    assert rows == [("2016-05-01", False, False), ("2016-08-01", True, False), ("2016-08-10", False, True)]


def test_b9_of_the_hand_made_ssd_authority(runs):
    published, _, _, _ = runs
    # denominator SA, SB, SE (30 months by 31 March 2017); numerator SA, SE (same carer 2 years)
    assert _value(published, "B9_v1") == (2, 3, 66.6667)


def test_b10_of_the_hand_made_ssd_authority(runs):
    published, _, _, _ = runs
    # denominator SA, SB, SC, SD, SE (looked after on 31 March 2017); numerator SB (three carers)
    assert _value(published, "B10_v1") == (1, 5, 20.0)


def test_native_and_ssd_authorities_publish_side_by_side(runs):
    published, _, _, _ = runs
    las = {r[0] for r in published.execute("select distinct la_code from marts.indicator_values").fetchall()}
    assert {"DEMO01", LA} <= las


def _values(con, placement_only: bool = False) -> dict:
    """Every value of DEMO01 (of the definitions that need the looked-after data), every month, quarter and year."""
    rows = con.execute(
        "select v.definition_id, v.period_type, v.period_start::varchar, v.numerator, v.denominator, v.value "
        "from marts.indicator_values v join marts.indicator_definitions d using (definition_id) "
        "where v.la_code = 'DEMO01' and (not ? or d.source_family like '%placement%')", [placement_only]).fetchall()
    return {r[:3]: r[3:] for r in rows}


def test_parity_demo_authority_native_and_as_ssd(runs):
    native, _, ssd, _ = runs
    a, b = _values(native), _values(ssd)
    assert len(_values(native, placement_only=True)) > 1000  # the looked-after definitions are in it
    assert set(a) == set(b)
    differing = sorted({k[0] for k in a if a[k] != b[k]})
    assert differing == [], [(k, a[k], b[k]) for k in sorted(a) if a[k] != b[k]][:10]


def test_ssd_demo_authority_is_clean(runs):
    _, _, _, build = runs
    rows = build.execute(
        "select source, check_name, severity, rows_affected from quality.findings "
        "where la_code = 'DEMO01' and severity in ('ERROR', 'WARN')").fetchall()
    assert rows == []


def test_parity_of_the_derived_episode_history(runs):
    """The SSD-derived episodes are the native ones: same dates, codes, REC and collection year; RNE too,
    except S where the native return's first episode of a child continues a period begun before
    the first collection year (the SSD written from it starts the period there)."""
    _, native_build, _, ssd_build = runs
    sql = ("select child_id, start_date, end_date, legal_status, placement_type, placement_provider, urn, "
           "reason_episode_ceased, category_of_need, collection_year, reason_new_episode "
           "from intermediate.int_cla__episodes where la_code = 'DEMO01'")
    native = {r[:2]: r for r in native_build.execute(sql).fetchall()}
    ssd = {r[:2]: r for r in ssd_build.execute(sql).fetchall()}
    assert set(native) == set(ssd) and len(native) > 1000
    assert [k for k in native if native[k][:-1] != ssd[k][:-1]] == []
    rne = [(native[k][-1], ssd[k][-1], native[k][1]) for k in native if native[k][-1] != ssd[k][-1]]
    assert all(s == "S" and start < date(2011, 4, 1) for _, s, start in rne), rne[:5]


def test_bad_ssd_rows_get_findings_naming_file_and_rows(runs):
    _, build, _, _ = runs
    rows = build.execute(
        "select check_name, source, rows_affected from quality.findings "
        "where la_code = 'TSSDBAD' and stage = 'check.ssd_looked_after' order by 1, 2").fetchall()
    found = {(r[0], r[1].rsplit("/", 1)[-1]): r[2] for r in rows}
    assert found[("placement has a CLA episode", "ssd_cla_placement.csv")] == 1
    assert found[("review has a CLA episode", "ssd_cla_reviews.csv")] == 1
    assert found[("CLA review cancelled", "ssd_cla_reviews.csv")] == 1
    assert found[("person exists", "ssd_cla_episodes.csv")] == 1
    # the gap after X1's placement ended on 1 June 2016: a derived episode without PLACE,
    # named by the row that started it (the legal status would be L1; the placement ended)
    assert ("period of care without placement or legal status", "ssd_cla_episodes.csv") in found
    # and its authority only is affected: TSSD and DEMO01 are published beside it
    assert not [r for r in rows if r[0] in ("dates readable", "event dates plausible")]
