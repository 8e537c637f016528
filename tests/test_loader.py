"""The loader: what it accepts, and the findings it makes of what it cannot."""

from pathlib import Path

import duckdb
import pytest

from orchestration.contract import load_contract
from orchestration.findings import ERROR, INFO, WARN
from orchestration.loader import discover_authorities, load_family
from tests.rawdata import EXTERNAL_903, copy_external_903, table_path, write_family, write_table


@pytest.fixture
def con():
    c = duckdb.connect()
    yield c
    c.close()


def load(con, raw_dir, family="case"):
    contract = load_contract()
    las, found = discover_authorities(raw_dir, contract)
    result = load_family(con, raw_dir, contract, family, las)
    return las, found + result.findings, result


def test_missing_required_column_is_an_error_naming_file_and_column(tmp_path, con):
    write_family(tmp_path, "LA1", "case")
    cols = [c for c in load_contract().family("case").tables[2].column_names if c != "referral_date"]
    write_table(tmp_path, "LA1", "referrals", [{"referral_id": "R1", "child_id": "SECRET-CHILD-9"}], columns=cols)
    _, findings, result = load(con, tmp_path)
    errors = [f for f in findings if f.severity == ERROR]
    assert len(errors) == 1
    assert errors[0].source == "LA1/case/referrals.csv"
    assert errors[0].column_name == "referral_date"
    assert "referral_date" in errors[0].describe() and "referrals.csv" in errors[0].describe()
    assert "SECRET-CHILD-9" not in errors[0].describe()
    assert result.rows_by_table.get("referrals", 0) == 0  # the file is refused, not half-loaded


def test_missing_required_file_is_an_error(tmp_path, con):
    write_family(tmp_path, "LA1", "case")
    table_path(tmp_path, "LA1", "visits").unlink()
    _, findings, _ = load(con, tmp_path)
    assert [(f.source, f.check_name) for f in findings if f.severity == ERROR] == [
        ("LA1/case/visits.csv", "required file present")
    ]


def test_rows_carry_lineage_and_extra_columns_are_kept(tmp_path, con):
    write_family(tmp_path, "LA1", "case")
    path = table_path(tmp_path, "LA1", "children")
    path.write_bytes("\ufeffchild_id,sex,birth_date,shoe_size\nC1,M,2010-01-01,3\r\nC2,F,01/02/2011,\r\n".encode())
    _, findings, _ = load(con, tmp_path)
    rows = con.execute(
        "select la_code, _source_file, _row_number, child_id, birth_date, _extra_columns, length(_file_sha256) "
        "from raw.children order by _row_number"
    ).fetchall()
    assert rows == [
        ("LA1", "LA1/case/children.csv", 1, "C1", "2010-01-01", '{"shoe_size":"3"}', 64),
        ("LA1", "LA1/case/children.csv", 2, "C2", "01/02/2011", '{"shoe_size":null}', 64),
    ]
    assert any(f.check_name == "unknown columns kept" and f.severity == INFO for f in findings)


def test_malformed_rows_are_reported_by_line_and_the_rest_load(tmp_path, con):
    write_family(tmp_path, "LA1", "case")
    path = table_path(tmp_path, "LA1", "contacts")
    path.write_text("contact_id,child_id,contact_date,contact_source,outcome\n"
                    "K1,C1,2016-01-01,police,nfa\nK2,C2\nK3,C3,2016-01-03,school,referral\n")
    _, findings, result = load(con, tmp_path)
    bad = [f for f in findings if f.check_name == "row well formed"]
    assert len(bad) == 1 and bad[0].severity == ERROR and bad[0].row_numbers == [3]
    assert result.rows_by_table["contacts"] == 2


def test_empty_file_and_bad_folder_names(tmp_path, con):
    write_family(tmp_path, "LA1", "case")
    table_path(tmp_path, "LA1", "children").write_bytes(b"")
    (tmp_path / "not a code!").mkdir()
    las, findings, _ = load(con, tmp_path)
    assert las == ["LA1"]
    assert any(f.check_name == "file not empty" and f.severity == ERROR for f in findings)
    assert any(f.check_name == "authority folder" and f.severity == WARN for f in findings)


def test_authority_without_a_family_is_noted_not_failed(tmp_path, con):
    copy_external_903(tmp_path, "EXT")
    _, findings, result = load(con, tmp_path, "case")
    assert [f.severity for f in findings] == [INFO]
    assert result.files == []


def test_third_party_ssda903_files_load_as_collection_year_2018(tmp_path, con):
    copy_external_903(tmp_path, "EXT")
    _, findings, result = load(con, tmp_path, "placement")
    assert not [f for f in findings if f.severity == ERROR]
    episodes = sum(1 for _ in (EXTERNAL_903 / "episodes.csv").open()) - 1
    assert result.rows_by_table["ssda903_episodes"] == episodes
    assert con.execute("select distinct collection_year from raw.ssda903_episodes").fetchall() == [(2018,)]
    # sw_episodes.csv starts with a byte-order mark: its first column is still CHILD
    assert con.execute("select count(*) from raw.ssda903_sw_episodes where \"CHILD\" is not null").fetchone()[0] == 1


def test_files_loaded_side_by_side_keep_their_own_rejects_and_row_numbers(tmp_path, con, monkeypatch):
    """Files load several at a time: each file's malformed line and row numbers stay its own."""
    monkeypatch.setattr("orchestration.loader.load_workers", lambda: 4)
    header = "contact_id,child_id,contact_date,contact_source,outcome\n"
    for i in range(8):
        la = f"LA{i}"
        write_family(tmp_path, la, "case")
        good = [f"K{n},C{n},2016-01-01,police,nfa\n" for n in range(300 + i)]
        good.insert(10 + i, "BROKEN,ROW\n")  # file line 12 + i (the header is line 1)
        table_path(tmp_path, la, "contacts").write_text(header + "".join(good))
    las, findings, result = load(con, tmp_path)
    bad = {f.source: f.row_numbers for f in findings if f.check_name == "row well formed"}
    assert bad == {f"LA{i}/case/contacts.csv": [12 + i] for i in range(8)}
    per_file = dict(con.execute("select _source_file, max(_row_number) from raw.contacts group by 1").fetchall())
    assert per_file == {f"LA{i}/case/contacts.csv": 300 + i for i in range(8)}
    assert [f.la_code for f in result.files if f.table == "contacts"] == las  # reported in the plan's order


def _contacts(tmp_path, la, n, columns=("contact_id", "child_id", "contact_date", "contact_source", "outcome"),
              broken_at=None):
    """n contacts whose contact_id names the authority and the row's number in the file."""
    write_family(tmp_path, la, "case")
    values = {"contact_id": lambda i: f"{la}-{i}", "child_id": lambda i: f"C{i}", "contact_date": lambda i: "2016-01-01",
              "contact_source": lambda i: "police", "outcome": lambda i: "nfa", "shoe_size": lambda i: "3"}
    lines = [",".join(values[c](i) for c in columns) + "\n" for i in range(1, n + 1)]
    if broken_at:
        lines.insert(broken_at - 1, "BROKEN,ROW\n")  # file line broken_at + 1
    table_path(tmp_path, la, "contacts").write_text(",".join(columns) + "\n" + "".join(lines))


def test_clean_files_of_a_table_are_read_together_and_numbered_within_each_file(tmp_path, con, monkeypatch):
    """Files of one table with one header layout are read in one statement; each file's rows
    are still numbered from 1 in file order, whatever the layout or the other files' sizes."""
    import orchestration.loader as loader

    together = []
    read_together = loader._read_together
    monkeypatch.setattr(loader, "_read_together", lambda c, files, at: together.append(
        (files[0].job[0].name, len(files))) or read_together(c, files, at))
    sizes = {"LA1": 250, "LA2": 3, "LA3": 1200, "LA4": 40, "LA5": 0}
    for la, n in sizes.items():
        if la == "LA4":  # the same columns in another order: a layout of its own
            _contacts(tmp_path, la, n, columns=("outcome", "contact_source", "contact_date", "child_id", "contact_id"))
        elif la == "LA5":  # a header and no rows
            _contacts(tmp_path, la, n)
        else:
            _contacts(tmp_path, la, n)
    _, findings, result = load(con, tmp_path)
    assert ("contacts", 4) in together and ("contacts", 1) in together
    assert not [f for f in findings if f.severity in (ERROR, WARN)]
    assert [f.source for f in findings if f.check_name == "file has rows" and f.table == "contacts"] == [
        "LA5/case/contacts.csv"]
    assert {f.la_code: f.rows for f in result.files if f.table == "contacts"} == sizes
    # every row is the file's row of that number: contact_id names the authority and the row
    assert con.execute("select count(*) from raw.contacts where contact_id <> la_code || '-' || _row_number"
                       ).fetchone()[0] == 0
    assert con.execute("select count(distinct _file_sha256) from raw.contacts").fetchone()[0] == 4


def test_row_numbers_count_records_where_a_files_lines_are_not_its_rows(tmp_path, con, monkeypatch):
    """Files read together are numbered from their lines; where a file's rows are not its
    lines (a quoted value with a line break, no line end after the last row) the rows of
    that file and of the files after it are still numbered from 1, record by record."""
    import orchestration.loader as loader

    together = []
    read_together = loader._read_together
    monkeypatch.setattr(loader, "_read_together", lambda c, files, at: together.append(
        (files[0].job[0].name, len(files))) or read_together(c, files, at))
    for la, n in {"LA1": 40, "LA2": 25, "LA3": 30}.items():
        _contacts(tmp_path, la, n)
    path = table_path(tmp_path, "LA1", "contacts")  # row 7's outcome spans two lines: 41 lines, 40 rows
    path.write_text(path.read_text().replace("LA1-7,C7,2016-01-01,police,nfa", 'LA1-7,C7,2016-01-01,police,"nfa\nsee notes"'))
    path = table_path(tmp_path, "LA2", "contacts")  # no line end after the last row
    path.write_text(path.read_text().rstrip("\n"))
    _, findings, result = load(con, tmp_path)
    assert ("contacts", 3) in together  # one statement for the three files
    assert not [f for f in findings if f.severity in (ERROR, WARN)]
    assert {f.la_code: f.rows for f in result.files if f.table == "contacts"} == {"LA1": 40, "LA2": 25, "LA3": 30}
    assert con.execute("select count(*) from raw.contacts where contact_id <> la_code || '-' || _row_number"
                       ).fetchone()[0] == 0
    assert con.execute("select outcome from raw.contacts where contact_id = 'LA1-7'").fetchone()[0] == "nfa\nsee notes"


def test_a_rejected_row_sends_only_its_tables_files_one_by_one(tmp_path, con):
    """One malformed row among clean files: that file's finding names its line; every file
    of the table still loads with its own row numbers."""
    for la, n in {"LA1": 120, "LA2": 80, "LA3": 95}.items():
        _contacts(tmp_path, la, n, broken_at=30 if la == "LA2" else None)
    _, findings, result = load(con, tmp_path)
    bad = [(f.source, f.row_numbers) for f in findings if f.check_name == "row well formed"]
    assert bad == [("LA2/case/contacts.csv", [31])]
    assert {f.la_code: f.rows for f in result.files if f.table == "contacts"} == {"LA1": 120, "LA2": 80, "LA3": 95}
    # row numbers count the records loaded: the rejected line is named by its file line
    assert con.execute("select count(*) from raw.contacts where contact_id <> la_code || '-' || _row_number"
                       ).fetchone()[0] == 0
