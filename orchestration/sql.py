"""SQL helpers. Quoting: every identifier and literal (a path in ATTACH, which takes no
bound parameter) that this package writes into DuckDB SQL goes through here. Inserting
rows made in Python (load records, findings) goes through insert_rows."""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike


def quote_ident(name: str) -> str:
    """A DuckDB identifier, double-quoted."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str | PathLike) -> str:
    """A DuckDB string literal, single-quoted: a path with an apostrophe stays one string."""
    return "'" + str(value).replace("'", "''") + "'"


def insert_rows(con, table: str, rows: Sequence[Sequence], columns: Sequence[str] | None = None) -> None:
    """Insert rows into `table` (SQL, already qualified and quoted) in one statement, in
    their order: each column is bound as one list of the type the table gives it, and the
    lists are unnested side by side. `columns`: the columns the rows hold, in order
    (default: all of the table's). DuckDB's executemany runs its statement once a row,
    about 0.9 ms each: the load records of 810 files (ten authorities) took 0.70 s that
    way and 12 ms in one statement, of 12,150 files (150 authorities) 11.0 s and 0.10 s
    (5 December 2026)."""
    if not rows:
        return
    types = {name: str(sql_type) for name, sql_type, *_ in con.execute(f"select * from {table} limit 0").description}
    columns = list(columns or types)
    values = [list(column) for column in zip(*rows, strict=True)]
    if len(values) != len(columns):
        raise ValueError(f"{len(columns)} columns named for rows of {len(values)} values")
    names = ", ".join(quote_ident(name) for name in columns)
    unnested = ", ".join(f"unnest(?::{types[name]}[])" for name in columns)
    con.execute(f"insert into {table} ({names}) select {unnested}", values)
