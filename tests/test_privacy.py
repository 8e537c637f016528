"""Personal data: no source identifier reaches the published warehouse, its reports,
the run's output or its logs; no key, no publication."""

import os
import re

import duckdb
import pytest

from orchestration.cli import EXIT_OK, EXIT_USAGE, main
from orchestration.settings import DBT_PROJECT_DIR
from orchestration.pseudonymise import source_identifier_leaks
from tests.conftest import pseudonym, run_warehouse
from tests.rawdata import write_family

SECRET_CHILDREN = [f"SECRETCHILD{i:04d}" for i in range(8)]
SECRET_WORKER = "SECRETWORKER9"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    wh = tmp_path_factory.mktemp("wh")
    kids = SECRET_CHILDREN
    write_family(raw, "PRIV", "case", {
        "children": [{"child_id": c, "sex": "F", "birth_date": "2011-02-03"} for c in kids],
        "contacts": [{"contact_id": f"SECRETCONTACT{i}", "child_id": c, "contact_date": "2015-01-05",
                      "outcome": "referral"} for i, c in enumerate(kids)],
        "referrals": [{"referral_id": f"SECRETREF{i}{d[5:7]}", "child_id": c, "referral_date": d, "referral_nfa": "N"}
                      for i, c in enumerate(kids) for d in ("2015-02-01", "2015-11-01")],
        "cp_plans": [{"cp_plan_id": f"SECRETPLAN{i}", "referral_id": f"SECRETREF{i}02", "child_id": c,
                      "start_date": "2015-03-01"} for i, c in enumerate(kids)],
        "allocations": [{"allocation_id": f"SECRETALLOC{i}", "child_id": c, "worker_id": SECRET_WORKER,
                         "start_date": "2015-03-01"} for i, c in enumerate(kids)],
    })
    write_family(raw, "PRIV", "workforce", {"staff": [
        {"worker_id": SECRET_WORKER, "agency_worker": "N", "frontline": "Y", "qualified_social_worker": "Y",
         "caseholding": "Y", "fte": "1", "start_date": "2014-01-01"}],
        "supervisions": [{"supervision_id": "SECRETSUP1", "worker_id": SECRET_WORKER,
                          "supervision_date": "2016-03-31"}]})
    return raw, wh


def test_nothing_identifying_in_output_logs_reports_or_the_published_file(run, capsys):
    raw, wh = run
    result, summary = run_warehouse(raw, wh)
    assert summary["published"]
    out = capsys.readouterr()
    texts = {"stdout": out.out, "stderr": out.err, "run.log": (wh / "build" / "run.log").read_text()}
    assert (wh / "data_quality.html").exists()  # the offline data-quality page is searched too
    for path in [*(wh / "reports").glob("*.html"), *(wh / "data_docs").rglob("*.html"), wh / "data_quality.html"]:
        texts[str(path.relative_to(wh))] = path.read_text()
    # dbt's target folders of the run: compiled SQL, run results, logs
    dbt_files = [p for p in (wh / "build" / "dbt").rglob("*") if p.is_file() and p.suffix in (".sql", ".json", ".log")]
    assert any(p.name == "run_results.json" for p in dbt_files)
    for path in dbt_files:
        texts[str(path.relative_to(wh))] = path.read_text(errors="replace")
    # the Dagster event log: every event's message and metadata
    texts["dagster events"] = "\n".join(repr(e) for e in result.all_events)
    assert len(texts) > 5
    key = os.environ["CSC_HMAC_KEY"]
    for name, text in texts.items():
        assert not re.search(r"SECRET[A-Z]+\d", text), f"an identifier is in {name}"
        assert key not in text, f"the pseudonymisation key is in {name}"
    con = duckdb.connect()
    con.execute(f"attach '{wh / 'build' / 'build.duckdb'}' as build (read_only)")
    con.execute(f"attach '{wh / 'warehouse.duckdb'}' as pub (read_only)")
    assert source_identifier_leaks(con, "build", "pub") == []
    children = con.execute("select distinct child_id from pub.marts.indicator_evidence "
                           "where child_id is not null").fetchall()
    assert len(children) == len(SECRET_CHILDREN)
    assert all(re.fullmatch(r"[0-9a-f]{20}", c) for (c,) in children)
    con.close()


def test_pseudonyms_are_stable_keyed_and_per_authority():
    key = b"k" * 32
    assert pseudonym(key, "LA1", "123") == pseudonym(key, "LA1", "123")
    assert pseudonym(key, "LA1", "123") != pseudonym(key, "LA2", "123")
    assert pseudonym(key, "LA1", "123") != pseudonym(b"j" * 32, "LA1", "123")


def test_the_dbt_macro_is_hmac_sha256_for_any_key_and_identifier(tmp_path):
    """The macro `pseudonym` (DuckDB SQL, key pads from the dbt plugin) gives what Python's
    hmac gives, for short and long keys and non-ASCII identifiers."""
    from orchestration.dbt_plugin import set_key_variables

    macro = (DBT_PROJECT_DIR / "macros" / "pseudonymise.sql").read_text()
    body = re.search(r"macro pseudonym\(la_code, identifier\) -%}(.*?){%- endmacro", macro, re.S).group(1)
    sql = body.replace("{{ la_code }}", "la_code").replace("{{ identifier }}", "identifier")
    cases = [(b"k" * 32, "LA1", "123"), (b"x" * 100, "E08000017", "Zo\u00eb-7"), (b"sixteen-chars-ok", "371", "")]
    for key, la, ident in cases:
        con = duckdb.connect()
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("CSC_HMAC_KEY", key.decode())
            set_key_variables(con)
        got = con.execute(f"select {sql} from (select ?::varchar as la_code, ?::varchar as identifier)",
                          [la, ident]).fetchone()[0]
        assert got == pseudonym(key, la, ident)
    # without the key the build stops rather than publish identifiers unprotected
    with pytest.raises(duckdb.InvalidInputException, match="CSC_HMAC_KEY is not set"):
        duckdb.connect().execute(f"select {sql} from (select 'LA1' as la_code, '1' as identifier)").fetchall()


def test_the_audit_finds_an_identifier_that_slipped_through(tmp_path):
    con = duckdb.connect()
    con.execute(f"attach '{tmp_path / 'b.duckdb'}' as build")
    con.execute(f"attach '{tmp_path / 'p.duckdb'}' as pub")
    con.execute("create schema build.raw")
    from orchestration.contract import load_contract
    for t in load_contract().tables:
        cols = ", ".join(f'"{c}" varchar' for c in t.column_names)
        con.execute(f'create table build.raw."{t.name}" ({cols})')
    con.execute("insert into build.raw.children (child_id) values ('SECRETCHILD0001')")
    con.execute("create schema pub.marts")
    con.execute("create table pub.marts.oops as select 'LA1' as la_code, 'SECRETCHILD0001' as note")
    assert source_identifier_leaks(con, "build", "pub") == ["marts.oops.note"]
    # a pseudonymised column is searched for what is not shaped like a pseudonym (a raw
    # identifier that was not replaced) and, when some raw identifier has a pseudonym's
    # shape, for those too
    con.execute("drop table pub.marts.oops")
    con.execute("create table pub.marts.indicator_evidence as select 'LA1' as la_code, "
                "'0123456789abcdef0123' as subject_id, 'SECRETCHILD0001' as child_id")
    assert source_identifier_leaks(con, "build", "pub") == ["marts.indicator_evidence.child_id"]
    con.execute("update pub.marts.indicator_evidence set child_id = null")
    assert source_identifier_leaks(con, "build", "pub") == []
    con.execute("insert into build.raw.children (child_id) values ('0123456789abcdef0123')")
    assert source_identifier_leaks(con, "build", "pub") == ["marts.indicator_evidence.subject_id"]


def test_without_a_key_nothing_is_published(run, monkeypatch, tmp_path, capsys):
    raw, _ = run
    monkeypatch.delenv("CSC_HMAC_KEY")
    wh = tmp_path / "wh"
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_USAGE
    assert "CSC_HMAC_KEY is not set" in capsys.readouterr().out
    assert not (wh / "warehouse.duckdb").exists()
