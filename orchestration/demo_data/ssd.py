"""Demonstration data in the Standard Safeguarding Dataset's shape: the case side (`write`).

`csc-warehouse demo-data --format ssd` writes `<la_code>/ssd/<ssd table>.csv` instead of
`<la_code>/case/*.csv`. The simulation is the native one, draw for draw: the case module
writes its files into a scratch folder and this module re-shapes every row into the SSD
table that carries it (docs/ssd.md names the mapping), so the same authority landed
natively and as SSD holds the same children, referrals, plans, visits and allocations.
What the SSD has no place for is dropped: case audits (no SSD table), the CIN census
count of earlier CP plans, the care proceedings' disposal (the SSD's pre-proceedings hold
the issue only). Dates are written as SQL Server writes a datetime
(`2018-04-01 00:00:00.000`); outcome columns as small JSON documents.

The looked-after tables (ssd_cla_episodes, ssd_cla_placement, ssd_legal_status, ...) are
written by `ssd_looked_after` (its `write_looked_after`).
"""

from __future__ import annotations

import csv
import json
import pathlib
from bisect import bisect_right
from collections import defaultdict

from orchestration.demo_data.core import Authority

SEX = {"1": "M", "2": "F"}  # CIN census sex codes; anything else is U (not known)


def _read(native: pathlib.Path, name: str) -> list[dict]:
    """The rows of one native case file the scratch folder holds."""
    with open(native / "case" / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _dt(value: str) -> str:
    """A date as SQL Server writes a datetime; blank stays blank."""
    return f"{value} 00:00:00.000" if value else ""


def _write(la: Authority, out: pathlib.Path, table: str, header: list[str], rows: list[list[str]]) -> None:
    """Write one SSD table (quoted where a value needs it: the JSON columns) and count it."""
    rel = f"ssd/{table}.csv"
    path = out / la.code / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    la.files[rel] = la.files.get(rel, 0) + len(rows)
    la.written.append(path)


def _latest_before(spans: dict[str, list[tuple[str, str]]], child: str, day: str) -> str:
    """The key of the child's record that started last on or before `day` ('' if none).
    `spans[child]` is sorted by start date (ISO text sorts as dates do)."""
    rows = spans.get(child, [])
    i = bisect_right([s for s, _ in rows], day)
    return rows[i - 1][1] if i else ""


def _by_child(rows: list[dict], start: str, key: str) -> dict[str, list[tuple[str, str]]]:
    """Each child's records as (start date, key), sorted by start."""
    spans: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in rows:
        if r[start]:
            spans[r["child_id"]].append((r[start], r[key]))
    for v in spans.values():
        v.sort()
    return spans


def write(la: Authority, native: pathlib.Path, out: pathlib.Path) -> None:
    """Re-shape the case files the case module wrote into the scratch folder `native` (as
    native/<la_code>/case/) as the SSD's case-side tables under out/<la_code>/ssd/, and
    forget the native files (they are not part of the drop). ssd_person holds every child of
    children.csv and every child of the SSDA903 files' episodes (the SSD has one person table)."""
    scratch, native = native, native / la.code
    _write_people_and_front_door(la, native, out)
    _write_plans(la, native, out)
    _write_visits(la, native, out)
    _write_workers(la, native, out)
    _write_pre_proceedings(la, native, out)
    for key in [k for k in la.files if k.startswith(("case/", "placement/"))]:
        del la.files[key]
    la.written = [p for p in la.written if scratch not in p.parents]


def _people(la: Authority, native: pathlib.Path) -> list[list[str]]:
    """ssd_person rows: the children of children.csv, then the looked-after children the case
    extract does not hold (their sex, ethnicity and birth date from the SSDA903 header rows)."""
    rows = [[r["child_id"], SEX.get(r["sex"], "U"), r["ethnicity"], _dt(r["birth_date"]),
             _dt(r["expected_birth_date"]), _dt(r["death_date"])] for r in _read(native, "children")]
    seen = {r[0] for r in rows}
    for header in sorted(native.glob("placement/ssda903/*/header.csv")):
        with open(header, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                if r["CHILD"] not in seen:
                    seen.add(r["CHILD"])
                    rows.append([r["CHILD"], SEX.get(r["SEX"], "U"), r["ETHNIC"], _dt(r["DOB"]), "", ""])
    return rows


def _write_people_and_front_door(la: Authority, native: pathlib.Path, out: pathlib.Path) -> None:
    """ssd_person, ssd_contacts, ssd_cin_episodes, ssd_cin_assessments, ssd_s47_enquiry and
    ssd_initial_cp_conference."""
    _write(la, out, "ssd_person", ["pers_person_id", "pers_sex", "pers_ethnicity", "pers_dob", "pers_expected_dob",
                                   "pers_death_date"],
           _people(la, native))
    _write(la, out, "ssd_contacts", ["cont_contact_id", "cont_person_id", "cont_contact_date",
                                     "cont_contact_source_desc", "cont_contact_outcome_json"],
           [[r["contact_id"], r["child_id"], _dt(r["contact_date"]), r["contact_source"],
             json.dumps({"OUTCOME": r["outcome"]})] for r in _read(native, "contacts")])
    _write(la, out, "ssd_cin_episodes", ["cine_referral_id", "cine_person_id", "cine_referral_date",
                                         "cine_cin_primary_need_code", "cine_referral_source_code",
                                         "cine_referral_nfa", "cine_close_reason", "cine_close_date"],
           [[r["referral_id"], r["child_id"], _dt(r["referral_date"]), r["primary_need_code"], r["referral_source"],
             r["referral_nfa"], r["closure_reason"], _dt(r["closure_date"])] for r in _read(native, "referrals")])
    _write(la, out, "ssd_cin_assessments", ["cina_assessment_id", "cina_person_id", "cina_referral_id",
                                            "cina_assessment_start_date", "cina_assessment_child_seen",
                                            "cina_assessment_auth_date"],
           [[r["assessment_id"], r["child_id"], r["referral_id"], _dt(r["start_date"]), r["child_seen"],
             _dt(r["authorisation_date"])] for r in _read(native, "assessments")])
    s47 = _read(native, "section47")
    _write(la, out, "ssd_s47_enquiry", ["s47e_s47_enquiry_id", "s47e_referral_id", "s47e_person_id",
                                        "s47e_s47_start_date", "s47e_s47_outcome_json"],
           [[r["s47_id"], r["referral_id"], r["child_id"], _dt(r["start_date"]),
             json.dumps({"CP_CONFERENCE_FLAG": "N" if r["icpc_not_required"] == "Y" else "Y"})] for r in s47])
    _write(la, out, "ssd_initial_cp_conference", ["icpc_icpc_id", "icpc_s47_enquiry_id", "icpc_person_id",
                                                  "icpc_referral_id", "icpc_icpc_date"],
           [[r["s47_id"], r["s47_id"], r["child_id"], r["referral_id"], _dt(r["icpc_date"])]
            for r in s47 if r["icpc_date"]])


def _write_plans(la: Authority, native: pathlib.Path, out: pathlib.Path) -> None:
    """ssd_cin_plans and ssd_cp_plans (the count of earlier CP plans has no SSD column)."""
    _write(la, out, "ssd_cin_plans", ["cinp_cin_plan_id", "cinp_referral_id", "cinp_person_id",
                                      "cinp_cin_plan_start_date", "cinp_cin_plan_end_date"],
           [[r["cin_plan_id"], r["referral_id"], r["child_id"], _dt(r["start_date"]), _dt(r["end_date"])]
            for r in _read(native, "cin_plans")])
    _write(la, out, "ssd_cp_plans", ["cppl_cp_plan_id", "cppl_referral_id", "cppl_person_id",
                                     "cppl_cp_plan_start_date", "cppl_cp_plan_end_date",
                                     "cppl_cp_plan_initial_category", "cppl_cp_plan_latest_category"],
           [[r["cp_plan_id"], r["referral_id"], r["child_id"], _dt(r["start_date"]), _dt(r["end_date"]),
             r["initial_category"], r["latest_category"]] for r in _read(native, "cp_plans")])


def _write_visits(la: Authority, native: pathlib.Path, out: pathlib.Path) -> None:
    """The three visit tables from visits.csv by visit type: a CIN or CP visit names the
    child's plan of its type that started last on or before the visit (blank if none) and
    the child; a CLA visit names the child."""
    visits = _read(native, "visits")
    plans = {"CIN": _by_child(_read(native, "cin_plans"), "start_date", "cin_plan_id"),
             "CP": _by_child(_read(native, "cp_plans"), "start_date", "cp_plan_id")}
    for vtype, table, p in (("CIN", "ssd_cin_visits", "cinv"), ("CP", "ssd_cp_visits", "cppv")):
        plan_col = f"{p}_{vtype.lower()}_plan_id"
        _write(la, out, table, [f"{p}_{vtype.lower()}_visit_id", f"{p}_person_id", plan_col,
                                f"{p}_{vtype.lower()}_visit_date", f"{p}_{vtype.lower()}_visit_seen",
                                f"{p}_{vtype.lower()}_visit_seen_alone"],
               [[v["visit_id"], v["child_id"], _latest_before(plans[vtype], v["child_id"], v["visit_date"]),
                 _dt(v["visit_date"]), v["child_seen"], v["seen_alone"]] for v in visits if v["visit_type"] == vtype])
    _write(la, out, "ssd_cla_visits", ["clav_cla_visit_id", "clav_person_id", "clav_cla_visit_date",
                                       "clav_cla_visit_seen", "clav_cla_visit_seen_alone"],
           [[v["visit_id"], v["child_id"], _dt(v["visit_date"]), v["child_seen"], v["seen_alone"]]
            for v in visits if v["visit_type"] == "CLA"])


def _write_workers(la: Authority, native: pathlib.Path, out: pathlib.Path) -> None:
    """ssd_professionals (one a worker allocated a case: the SSD's own id, and the HR staff
    id) and ssd_involvements (one an allocation: the child, and the child's referral that
    started last on or before the allocation)."""
    allocations = _read(native, "allocations")
    workers = sorted({a["worker_id"] for a in allocations})
    prof = {w: f"PR{la.no:03d}{i:05d}" for i, w in enumerate(workers, 1)}
    _write(la, out, "ssd_professionals", ["prof_professional_id", "prof_staff_id"],
           [[prof[w], w] for w in workers])
    referrals = _by_child(_read(native, "referrals"), "referral_date", "referral_id")
    _write(la, out, "ssd_involvements", ["invo_involvements_id", "invo_professional_id", "invo_person_id",
                                         "invo_referral_id", "invo_involvement_start_date",
                                         "invo_involvement_end_date"],
           [[a["allocation_id"], prof[a["worker_id"]], a["child_id"],
             _latest_before(referrals, a["child_id"], a["start_date"]), _dt(a["start_date"]), _dt(a["end_date"])]
            for a in allocations])


def _write_pre_proceedings(la: Authority, native: pathlib.Path, out: pathlib.Path) -> None:
    """ssd_pre_proceedings: a case issued, with its issue date (the disposal has no SSD column)."""
    _write(la, out, "ssd_pre_proceedings", ["prep_table_id", "prep_person_id", "prep_pre_pro_outcome",
                                            "prep_agree_stepdown_issue_date"],
           [[f"{r['proceedings_id']}-{r['child_id']}", r["child_id"], "Issue", _dt(r["issue_date"])]
            for r in _read(native, "care_proceedings")])
