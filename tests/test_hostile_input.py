"""Hostile and broken input: each ends in a clear finding or is handled, never an
unhandled exception, never a write outside the warehouse directory."""

import string

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orchestration.contract import load_contract
from orchestration.findings import ERROR, WARN
from orchestration.loader import discover_authorities, load_family
from tests.rawdata import table_path, write_family

HEADER = "child_id,sex,birth_date,expected_birth_date,ethnicity,disabled,death_date\n"


def load(tmp_path, family="case"):
    con = duckdb.connect()
    contract = load_contract()
    las, found = discover_authorities(tmp_path, contract)
    result = load_family(con, tmp_path, contract, family, las)
    rows = con.execute("select count(*) from raw.children").fetchone()[0] if family == "case" else None
    values = con.execute("select child_id, birth_date from raw.children order by _row_number").fetchall() \
        if family == "case" else None
    con.close()
    return found + result.findings, rows, values


def children_file(tmp_path, data: bytes):
    write_family(tmp_path, "LA1", "case")
    table_path(tmp_path, "LA1", "children").write_bytes(data)


def checks(findings, severity=None):
    return {f.check_name for f in findings if severity is None or f.severity == severity}


def test_truncated_mid_row(tmp_path):
    children_file(tmp_path, (HEADER + "C1,F,2010-01-01,,,N,\nC2,M,2011-0").encode())
    findings, rows, _ = load(tmp_path)
    assert "row well formed" in checks(findings, ERROR) and rows == 1


def test_windows_1252(tmp_path):
    children_file(tmp_path, (HEADER + "C1,F,2010-01-01,,Irish – café,N,\n").encode("cp1252"))
    findings, rows, _ = load(tmp_path)
    assert "encoding" in checks(findings, WARN) and rows == 1


def test_crlf_and_byte_order_mark(tmp_path):
    children_file(tmp_path, ("\ufeff" + HEADER + "C1,F,2010-01-01,,,N,\n").replace("\n", "\r\n").encode())
    findings, rows, values = load(tmp_path)
    assert not checks(findings, ERROR) and values == [("C1", "2010-01-01")]


def test_duplicated_header(tmp_path):
    children_file(tmp_path, (HEADER.strip() + ",child_id\nC1,F,2010-01-01,,,N,,C9\n").encode())
    findings, rows, _ = load(tmp_path)
    assert "duplicated column" in checks(findings, ERROR) and rows == 0


def test_ten_times_the_rows(tmp_path):
    body = "".join(f"C{i},F,2010-01-01,,,N,\n" for i in range(20000))
    children_file(tmp_path, (HEADER + body).encode())
    findings, rows, _ = load(tmp_path)
    assert rows == 20000 and not checks(findings, ERROR)


def test_spreadsheet_formula_is_kept_as_text_never_evaluated(tmp_path):
    children_file(tmp_path, (HEADER + '"=HYPERLINK(""http://x"",""y"")",F,2010-01-01,,,N,\n').encode())
    findings, rows, values = load(tmp_path)
    assert values == [('=HYPERLINK("http://x","y")', "2010-01-01")]


def test_folder_names_that_try_to_escape(tmp_path):
    write_family(tmp_path, "LA1", "case")
    (tmp_path / "..hidden").mkdir()
    (tmp_path / "etc").symlink_to("/etc")
    (tmp_path / ("x" * 20)).mkdir()
    las, found = discover_authorities(tmp_path, load_contract())
    assert las == ["LA1"]
    assert {f.message.split(";")[0] for f in found} == {
        "folder is a link",
        "folder name is not a valid authority code (2-16 letters, digits, _ or -, starting with a letter or digit)"}


def test_empty_file(tmp_path):
    children_file(tmp_path, b"")
    findings, rows, _ = load(tmp_path)
    assert "file not empty" in checks(findings, ERROR) and rows == 0


cell = st.text(alphabet=string.printable + "é–\u00a0", max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cell, min_size=1, max_size=9), max_size=15), header_ok=st.booleans())
def test_random_rows_either_load_or_are_reported(tmp_path_factory, rows, header_ok):
    """Whatever the rows, the loader returns: every data row is loaded or reported."""
    tmp_path = tmp_path_factory.mktemp("h")
    header = HEADER if header_ok else "child_id,sex\n"
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    children_file(tmp_path, (header + buf.getvalue()).encode("utf-8"))
    findings, loaded, _ = load(tmp_path)
    if not header_ok:
        assert "required column present" in checks(findings, ERROR) and loaded == 0
    else:
        rejected = sum(f.rows_affected or 0 for f in findings if f.check_name == "row well formed")
        refused = {"file readable as CSV", "file not empty"} & checks(findings, ERROR)
        # nothing is lost silently: every row written is loaded or named in a finding (a row
        # whose quoted value holds a line break is named once per line), unless the file
        # is refused whole
        # (a row of nothing but white space, such as a lone carriage return, is a blank line)
        written = sum(1 for r in rows if any(c.strip() for c in r))
        assert loaded <= len(rows)
        assert refused or loaded + rejected >= written, (loaded, rejected, written)


def test_old_mac_line_ends_are_read_or_reported_never_a_crash(tmp_path):
    """Issue 16: a file with CR-only line ends crashed the ingest step (_csv.Error) for
    every authority and recorded no finding."""
    children_file(tmp_path, (HEADER + "C1,F,2010-01-01,,,N,\nC2,M,2011-02-03,,,N,\n").replace("\n", "\r").encode())
    findings, rows, values = load(tmp_path)
    assert not checks(findings, ERROR), [f.message for f in findings]
    assert values == [("C1", "2010-01-01"), ("C2", "2011-02-03")]


def test_binary_garbage_is_an_error_for_that_file_only(tmp_path):
    import random

    children_file(tmp_path, bytes(random.Random(7).getrandbits(8) for _ in range(200_000)))
    write_family(tmp_path, "LA2", "case", {"children": [{"child_id": "K1", "sex": "F", "birth_date": "2010-01-01"}]})
    findings, rows, values = load(tmp_path)
    bad = {(f.la_code, f.check_name) for f in findings if f.severity == ERROR}
    assert bad and {la for la, _ in bad} == {"LA1"}
    assert ("K1", "2010-01-01") in values  # the other authority loads


def test_an_unterminated_quote_counts_every_row_it_swallows(tmp_path):
    """Issue 16: an unterminated quote reported 1 row while 51,389 were dropped."""
    body = "C0,F,\"2010-01-01,,,N,\n" + "".join(f"C{i},F,2010-01-01,,,N,\n" for i in range(1, 1001))
    children_file(tmp_path, (HEADER + body).encode())
    findings, rows, _ = load(tmp_path)
    lost = sum(f.rows_affected or 0 for f in findings if f.severity == ERROR)
    assert rows + lost == 1001, (rows, lost, [(f.check_name, f.message) for f in findings])


def test_a_refused_folder_is_named_by_a_hash_never_by_its_name(tmp_path):
    write_family(tmp_path, "LA1", "case")
    (tmp_path / "Jane Smith 2010-01-01").mkdir()
    _, found = discover_authorities(tmp_path, load_contract())
    assert [f.source.startswith("refused folder ") for f in found] == [True]
    assert not any("Jane" in (f.source + f.message) for f in found)


def test_a_family_folder_linked_outside_the_raw_directory_is_refused(tmp_path):
    outside = tmp_path / "outside"
    write_family(outside, "LA1", "case", {"children": [{"child_id": "X1", "sex": "F", "birth_date": "2010-01-01"}]})
    raw = tmp_path / "raw"
    (raw / "LA1").mkdir(parents=True)
    (raw / "LA1" / "case").symlink_to(outside / "LA1" / "case")
    findings, rows, _ = load(raw)
    assert ("LA1", "family folder") in {(f.la_code, f.check_name) for f in findings if f.severity == ERROR}
    assert rows == 0
