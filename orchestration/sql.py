"""SQL quoting: every identifier and literal (a path in ATTACH, which takes no bound
parameter) that this package writes into DuckDB SQL goes through here."""

from __future__ import annotations

from os import PathLike


def quote_ident(name: str) -> str:
    """A DuckDB identifier, double-quoted."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str | PathLike) -> str:
    """A DuckDB string literal, single-quoted: a path with an apostrophe stays one string."""
    return "'" + str(value).replace("'", "''") + "'"
