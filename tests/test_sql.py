"""insert_rows: rows made in Python (load records, findings) inserted in one statement."""

from datetime import datetime

import duckdb
import pytest

from orchestration.sql import insert_rows

COLUMNS = ["name", "year", "rows", "loaded_at"]  # the table's types: varchar, integer, bigint[], timestamp


@pytest.fixture
def con():
    c = duckdb.connect()
    for table in ("t", "u"):
        c.execute(f"create table {table} (name varchar, year integer, rows bigint[], loaded_at timestamp, "
                  "note varchar default 'kept')")
    yield c
    c.close()


def test_rows_go_in_as_given_in_their_order_with_nulls_lists_and_defaults(con):
    at = datetime(2026, 12, 5, 3, 0, 0)
    rows = [["b.csv", None, [3, 7], at], ["a's.csv", 2018, [], None], [None, 2019, None, at]]
    insert_rows(con, "t", rows, columns=COLUMNS)
    assert con.execute("select name, year, rows, loaded_at, note from t").fetchall() == [
        ("b.csv", None, [3, 7], at, "kept"),
        ("a's.csv", 2018, [], None, "kept"),
        (None, 2019, None, at, "kept"),
    ]


def test_rows_match_what_executemany_inserts(con):
    rows = [[f"LA{i}/case/contacts.csv", 2000 + i % 3, list(range(i % 4)), datetime(2026, 1, 1 + i % 28)]
            for i in range(60)]
    insert_rows(con, "t", rows, columns=COLUMNS)
    con.executemany("insert into u (name, year, rows, loaded_at) values (?, ?, ?, ?)", rows)
    assert con.execute("select * from t").fetchall() == con.execute("select * from u").fetchall()


def test_no_rows_inserts_nothing_and_a_short_row_is_refused(con):
    insert_rows(con, "t", [], columns=COLUMNS)
    with pytest.raises(ValueError):
        insert_rows(con, "t", [["a.csv", 2018, [1], None], ["b.csv", 2018]], columns=COLUMNS)
    assert con.execute("select count(*) from t").fetchone()[0] == 0


def test_without_columns_the_rows_fill_every_column_of_the_table_in_order(con):
    con.execute("create table v (family varchar, rows bigint, at_least integer[])")
    insert_rows(con, "v", [["case", 12, [1]], ["ssd", None, None]])
    assert con.execute("select * from v").fetchall() == [("case", 12, [1]), ("ssd", None, None)]
