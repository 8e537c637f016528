"""The demonstration data generator (orchestration/demo_data/): deterministic, complete,
consistent, and the size of the Trust in the published figures.

One full default drop (DEMO01, April 2011 to March 2019) is generated once for the size and
consistency checks; the other tests use a one-year range.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import duckdb
import pytest
import yaml

from orchestration import demo_data
from tests.rawdata import EXTERNAL_903

PROJECT = Path(__file__).resolve().parent.parent
CONTRACT = yaml.safe_load((PROJECT / "orchestration" / "raw_contract.yml").read_text(encoding="utf-8"))
SHORT = {"start": date(2016, 4, 1), "end": date(2017, 3, 31)}
# files the generator writes in every collection-year folder (header, episodes and oc3 are required)
FILES_903 = ["header.csv", "episodes.csv", "oc3.csv", "missing.csv", "placed_for_adoption.csv", "reviews.csv",
             "ad1.csv"]


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    out = tmp_path_factory.mktemp("full")
    summary = demo_data.generate(out)
    return out / "DEMO01", summary


@pytest.fixture(scope="module")
def short_pair(tmp_path_factory):
    a, b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    messages: list[str] = []
    sa = demo_data.generate(a, n_las=2, seed=7, progress=messages.append, **SHORT)
    sb = demo_data.generate(b, n_las=2, seed=7, **SHORT)
    return a, b, sa, sb, messages


@pytest.fixture(scope="module")
def con(full):
    """DuckDB views over the full drop, every column as text."""
    root, _ = full
    c = duckdb.connect()
    for f in sorted((root / "case").glob("*.csv")) + sorted((root / "workforce").glob("*.csv")):
        c.execute(f"create view {f.stem} as select * from read_csv('{f}', header=true, all_varchar=true)")
    # SSDA903 years combined: an episode in several years is one episode, the latest year wins
    c.execute(f"""
        create table episodes as
        select CHILD, strptime(DECOM, '%d/%m/%Y')::date as decom, strptime(nullif(DEC, ''), '%d/%m/%Y')::date as dec,
               RNE, LS, REC
        from (select *, row_number() over (partition by CHILD, DECOM order by filename desc) as rn
              from read_csv('{root}/placement/ssda903/*/episodes.csv', header=true, all_varchar=true, filename=true))
        where rn = 1""")
    c.execute(f"""create view header_903 as select * from
                  read_csv('{root}/placement/ssda903/*/header.csv', header=true, all_varchar=true)""")
    return c


def _csv_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.csv"))}


def _header(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n", 1)[0].split(",")


def _one(c, sql: str):
    return c.execute(sql).fetchone()[0]


# ---------------------------------------------------------------------------- API
def test_la_codes():
    assert demo_data.la_codes(3) == ["DEMO01", "DEMO02", "DEMO03"]
    assert demo_data.la_codes(120)[0] == "DEMO001"
    assert demo_data.la_codes(120)[-1] == "DEMO120"
    with pytest.raises(ValueError):
        demo_data.la_codes(0)


def test_same_arguments_give_byte_identical_files(short_pair):
    a, b, sa, sb, _ = short_pair
    files_a, files_b = _csv_files(a), _csv_files(b)
    assert files_a.keys() == files_b.keys()
    assert [k for k in files_a if files_a[k] != files_b[k]] == []
    assert sa == sb


def test_an_authority_does_not_depend_on_how_many_are_generated(short_pair, tmp_path):
    a, *_ = short_pair
    demo_data.generate(tmp_path, n_las=1, seed=7, **SHORT)
    assert _csv_files(tmp_path / "DEMO01") == _csv_files(a / "DEMO01")


def test_summary_and_progress(short_pair):
    a, _, summary, _, messages = short_pair
    assert summary["la_codes"] == ["DEMO01", "DEMO02"]
    files = sorted(a.rglob("*.csv"))
    assert summary["files"] == len(files)
    lines = {}
    for p in files:
        rel = p.relative_to(a).parts[1:]
        key = "/".join(rel[:2] + ("*",) + rel[3:]) if rel[:2] == ("placement", "ssda903") else "/".join(rel)
        lines[key] = lines.get(key, 0) + p.read_text(encoding="utf-8").count("\n") - 1
    assert summary["rows"] == lines
    assert messages == ["DEMO01: 1/2 authorities written", "DEMO02: 2/2 authorities written"]


def test_every_contract_file_is_written_with_the_exact_header(short_pair):
    a, *_ = short_pair
    for la in ("DEMO01", "DEMO02"):
        root = a / la
        for family in CONTRACT["families"].values():
            if family["folder"] == "ssd":
                continue  # the SSD is another landing format of the same families, written by --format ssd
            folder = root / family["folder"]
            if any(t.get("stands_for") for t in family["tables"].values()):
                # the SSD stands in for case/ (and SSDA903): written by --format ssd only
                assert not folder.exists(), folder
                continue
            if family.get("collection_years"):
                assert sorted(p.name for p in folder.iterdir()) == ["2017"]
                folders = [folder / "2017"]
                written = set(FILES_903)
            else:
                folders = [folder]
                written = {t["file"] for t in family["tables"].values()}
            for sub in folders:
                for table in family["tables"].values():
                    path = sub / table["file"]
                    if table["file"] in written:
                        assert path.is_file(), path
                        assert _header(path) == list(table["columns"]), path
                        text = path.read_text(encoding="utf-8")
                        assert "\r" not in text and text.endswith("\n") and not text.startswith("\ufeff")
                        assert text.count("\n") > 1, f"{path} has no rows"
                    else:
                        assert table.get("required") is False, path
                        assert not path.exists()


def test_ssda903_files_have_the_dfe_layout(short_pair):
    assert EXTERNAL_903.is_dir(), f"the third-party files are read from {EXTERNAL_903} (or set CSC_SHARED_DIR)"
    a, *_ = short_pair
    for name in FILES_903:
        dfe = EXTERNAL_903 / name
        assert _header(a / "DEMO01" / "placement" / "ssda903" / "2017" / name) == _header(dfe)


def test_date_formats_and_nothing_after_the_extract_date(short_pair):
    a, *_ = short_pair
    planned = {"order_end_date", "expected_birth_date"}  # known in advance
    iso, dmy = re.compile(r"\d{4}-\d\d-\d\d"), re.compile(r"\d\d/\d\d/\d{4}")
    end = SHORT["end"].isoformat()
    for path in sorted((a / "DEMO01").rglob("*.csv")):
        is_903 = "ssda903" in path.parts
        lines = path.read_text(encoding="utf-8").splitlines()
        header = lines[0].split(",")
        date_cols = [i for i, h in enumerate(header) if re.search(r"date|DOB|DECOM|^DEC$|MIS_|DATE_|_start|month", h)
                     or h in ("month_end", "valid_from")]
        for line in lines[1:]:
            row = line.split(",")
            assert len(row) == len(header), path
            for i in date_cols:
                v = row[i]
                if not v:
                    continue
                assert (dmy if is_903 else iso).fullmatch(v), (path.name, header[i])
                when = f"{v[6:]}-{v[3:5]}-{v[:2]}" if is_903 else v
                assert header[i] in planned or when <= end, (path.name, header[i])


def test_identifiers_do_not_collide_across_authorities(short_pair):
    a, *_ = short_pair
    c = duckdb.connect()
    cols = {"case/children.csv": "child_id", "case/referrals.csv": "referral_id", "case/contacts.csv": "contact_id",
            "workforce/staff.csv": "worker_id", "youth_justice/yjs_disposals.csv": "person_id",
            "family_support/interventions.csv": "family_id", "case/visits.csv": "visit_id"}
    for rel, col in cols.items():
        ids = [{r[0] for r in c.execute(f"select {col} from read_csv('{a / la / rel}', all_varchar=true)").fetchall()}
               for la in ("DEMO01", "DEMO02")]
        assert ids[0] and ids[1] and not ids[0] & ids[1], rel


# ---------------------------------------------------------------------------- consistency (full drop)
def test_keys_are_unique(full):
    root, _ = full
    c = duckdb.connect()
    for family in CONTRACT["families"].values():
        for table in family["tables"].values():
            for path in sorted((root / family["folder"]).rglob(table["file"])):
                key = ", ".join(f'"{k}"' for k in table["key"])
                dup = _one(c, f"select count(*) from (select {key} from read_csv('{path}', all_varchar=true) "
                              f"group by all having count(*) > 1)")
                assert dup == 0, (path, table["key"])


def test_every_child_in_a_case_or_903_file_is_in_children(con, full):
    root, _ = full
    for view in ("contacts", "referrals", "assessments", "section47", "cin_plans", "cp_plans", "visits",
                 "case_audits", "allocations", "care_proceedings"):
        assert _one(con, f"select count(*) from {view} where child_id not in (select child_id from children)") == 0, view
    for name in FILES_903:
        same_dob = "or strftime(c.birth_date::date, '%d/%m/%Y') <> f.DOB" if name != "episodes.csv" else ""
        orphans = _one(con, f"""select count(*) from read_csv('{root}/placement/ssda903/*/{name}', all_varchar=true) f
            left join children c on c.child_id = f.CHILD where c.child_id is null {same_dob}""")
        assert orphans == 0, name
    assert _one(con, """select count(*) from header_903 h join children c on c.child_id = h.CHILD
                        where c.sex <> h.SEX""") == 0


def test_case_records_hang_together(con):
    # sub-records belong to a referral of the same child
    for view in ("assessments", "section47", "cin_plans", "cp_plans"):
        assert _one(con, f"""select count(*) from {view} x left join referrals r using (referral_id)
                             where r.child_id is null or r.child_id <> x.child_id""") == 0, view
    assert _one(con, """select count(*) from assessments a join referrals r using (referral_id)
                        where a.start_date < r.referral_date or a.authorisation_date < a.start_date""") == 0
    assert _one(con, """select count(*) from section47 s join referrals r using (referral_id)
                        where s.start_date < r.referral_date or s.icpc_date < s.start_date""") == 0
    # a protection plan starts at an initial conference of the same referral
    assert _one(con, """select count(*) from cp_plans p where not exists (select 1 from section47 s
                        where s.referral_id = p.referral_id and s.icpc_date = p.start_date)""") == 0
    # plans end by the referral's closure; a closed referral has no open plan
    for view in ("cin_plans", "cp_plans"):
        assert _one(con, f"""select count(*) from {view} p join referrals r using (referral_id)
                             where p.end_date < p.start_date or p.start_date < r.referral_date
                                or (r.closure_date is not null and (p.end_date is null or p.end_date > r.closure_date))
                          """) == 0, view
    # no overlapping protection plans; the count of previous plans goes up by one each time
    assert _one(con, """select count(*) from (select start_date, lag(end_date) over w as prev_end,
                               number_of_previous_cpp::int - lag(number_of_previous_cpp::int) over w as step
                        from cp_plans window w as (partition by child_id order by start_date))
                        where prev_end is null and step is not null or prev_end > start_date or step <> 1""") == 0
    # contacts that led to a referral precede a referral of the same child
    assert _one(con, """select count(*) from contacts c where outcome = 'referral' and not exists (
                        select 1 from referrals r where r.child_id = c.child_id and r.referral_date >= c.contact_date
                        and r.referral_date::date <= c.contact_date::date + 7)""") == 0


def test_allocations_visits_and_audits_name_real_workers(con):
    assert _one(con, """select count(*) from allocations a where not exists (select 1 from staff s
                        where s.worker_id = a.worker_id and s.qualified_social_worker = 'Y' and s.caseholding = 'Y'
                        and s.start_date <= a.start_date and (s.end_date is null or s.end_date >= a.start_date))""") == 0
    for view, col in (("visits", "worker_id"), ("case_audits", "auditor_worker_id"),
                      ("supervisions", "worker_id"), ("absences", "worker_id")):
        assert _one(con, f"""select count(*) from {view} where {col} is not null
                             and {col} not in (select worker_id from staff)""") == 0, view
    # every child on a protection plan on a month end has an allocated worker
    unallocated = _one(con, """select count(*) from cp_plans p, (select unnest(generate_series(
                                   date '2012-03-31', date '2019-03-31', interval 1 year))::date as d)
                               where p.start_date::date <= d and (p.end_date is null or p.end_date::date > d)
                               and not exists (select 1 from allocations a where a.child_id = p.child_id
                                   and a.start_date::date <= d and (a.end_date is null or a.end_date::date >= d))""")
    assert unallocated == 0


def test_episodes_of_care_never_overlap(con):
    assert _one(con, "select count(*) from episodes where dec is not null and dec <= decom") == 0
    overlaps = _one(con, """select count(*) from (select decom, lag(coalesce(dec, date '9999-12-31')) over
                            (partition by CHILD order by decom) as prev_dec from episodes) where prev_dec > decom""")
    assert overlaps == 0
    # within a period of care, an episode ended with X1 is followed the same day by the next one
    gaps = _one(con, """select count(*) from (select REC, dec, lead(decom) over (partition by CHILD order by decom)
                        as next_decom from episodes) where REC = 'X1' and next_decom is distinct from dec""")
    assert gaps == 0
    assert _one(con, "select count(*) from episodes where REC = '' or (REC is null and dec is not null)") == 0


# ---------------------------------------------------------------------------- size (full drop)
def test_demo01_is_the_size_of_the_trust(con):
    q3 = "between '2016-07-01' and '2016-09-30'"
    referrals = _one(con, f"select count(*) from referrals where referral_date {q3}")
    contacts = _one(con, f"select count(*) from contacts where contact_date {q3}")
    cp = _one(con, """select count(*) from cp_plans where start_date <= '2016-09-30'
                      and (end_date is null or end_date > '2016-09-30')""")
    cla = _one(con, """select count(distinct CHILD) from episodes where decom <= date '2016-09-30'
                       and (dec is null or dec > date '2016-09-30') and LS not in ('V3', 'V4')""")
    cin = _one(con, """select count(distinct child_id) from referrals where referral_date <= '2016-09-30'
                       and (closure_date is null or closure_date > '2016-09-30')""")
    assert 900 <= referrals <= 1400
    assert 5000 <= contacts <= 6500
    assert 280 <= cp <= 400
    assert 500 <= cla <= 650
    assert 2300 <= cin <= 3000
    # re-referrals within 12 months in 2016/17
    rereferral = _one(con, """select avg(case when d - p <= 365 then 1.0 else 0 end) from (
                                select referral_date::date as d, lag(referral_date::date) over
                                (partition by child_id order by referral_date, referral_id) as p from referrals)
                              where d between date '2016-04-01' and date '2017-03-31'""")
    assert 0.18 <= rereferral <= 0.30
    staff_rows = _one(con, "select count(*) from staff")
    assert 250 <= staff_rows <= 550


def test_care_proceedings_name_children_in_children_csv(tmp_path):
    """DEMO06's history holds care proceedings issued in 2009 and disposed of in 2010 (after the
    history starts) for a child whose referral closed earlier: the file wrote child_id -1 (an
    orphan WARN in a 10-authority demo run) until such children were written to children.csv."""
    from orchestration.demo_data import Authority, _simulate_and_write

    _simulate_and_write(Authority("DEMO06", 5, 0, date(2011, 4, 1), date(2019, 3, 31)), tmp_path)
    c = duckdb.connect()
    case = tmp_path / "DEMO06" / "case"
    assert _one(c, f"select count(*) from read_csv('{case}/care_proceedings.csv', all_varchar=true)") > 0
    assert _one(c, f"""select count(*) from read_csv('{case}/care_proceedings.csv', all_varchar=true) p
                       where child_id not in (select child_id from read_csv('{case}/children.csv',
                                                                             all_varchar=true))""") == 0
