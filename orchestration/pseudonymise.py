"""Pseudonymisation of the published warehouse, and the audit that no source identifier
reached it.

Child, worker and person keys are replaced by a keyed hash: HMAC-SHA256 with the secret
in CSC_HMAC_KEY over (authority, identifier), cut to 20 hex characters. The same child
keeps the same pseudonym night after night, so evidence can be followed month to month,
but without the key nobody can tell which child it is, nor test a guessed identifier.
"""

from __future__ import annotations

import hashlib
import hmac
import os

import duckdb
import pandas as pd

from orchestration.contract import load_contract
from orchestration.loader import quote_ident

KEY_ENV = "CSC_HMAC_KEY"
MIN_KEY_LENGTH = 16
PSEUDONYM_LENGTH = 20

# published table -> its columns that hold source identifiers (joined to la_code)
PSEUDONYMISED_COLUMNS: dict[tuple[str, str], tuple[str, ...]] = {
    ("marts", "indicator_evidence"): ("subject_id", "child_id"),
}
# identifiers shorter than this are too short to search for without false alarms
MIN_AUDITED_LENGTH = 3


class MissingKeyError(RuntimeError):
    """The pseudonymisation key is not configured: nothing is published unprotected."""


def hmac_key() -> bytes:
    key = os.environ.get(KEY_ENV, "")
    if len(key) < MIN_KEY_LENGTH:
        raise MissingKeyError(
            f"{KEY_ENV} is not set (or shorter than {MIN_KEY_LENGTH} characters): the warehouse is not published "
            f"without pseudonymising identifiers. Set it in the environment or in the git-ignored .env file, "
            f"and keep it the same every night so pseudonyms stay stable."
        )
    return key.encode("utf-8")


def pseudonym(key: bytes, la_code: str, identifier: str) -> str:
    return hmac.new(key, f"{la_code}\x1f{identifier}".encode("utf-8"), hashlib.sha256).hexdigest()[:PSEUDONYM_LENGTH]


def copy_pseudonymised(con: duckdb.DuckDBPyConnection, source: str, target: str, columns: tuple[str, ...],
                       key: bytes) -> None:
    """create table target as source with `columns` replaced by pseudonyms. The hashes are
    computed once per distinct (authority, identifier), then joined in DuckDB."""
    distinct = " union ".join(
        f"select la_code, {quote_ident(c)}::varchar as identifier from {source} where {quote_ident(c)} is not null"
        for c in columns
    )
    pairs = con.execute(distinct).fetchall()
    mapping = pd.DataFrame(
        {"la_code": [p[0] for p in pairs], "identifier": [p[1] for p in pairs],
         "pseudonym": [pseudonym(key, p[0], p[1]) for p in pairs]},
        columns=["la_code", "identifier", "pseudonym"],
    ).astype("string")
    con.register("_pseudonyms", mapping)
    try:
        joins = " ".join(
            f"left join _pseudonyms p{i} on p{i}.la_code = s.la_code and p{i}.identifier = s.{quote_ident(c)}::varchar"
            for i, c in enumerate(columns)
        )
        replaced = ", ".join(f"p{i}.pseudonym as {quote_ident(c)}" for i, c in enumerate(columns))
        con.execute(f"create table {target} as select s.* replace ({replaced}) from {source} s {joins}")
    finally:
        con.unregister("_pseudonyms")


def source_identifier_leaks(con: duckdb.DuckDBPyConnection, source_db: str, published_db: str) -> list[str]:
    """Every text column of the published marts, quality findings and history (bar
    la_code) searched for any identifier the raw extracts hold (contract type `id`), less
    the warehouse's own vocabulary. Returns 'schema.table.column' of each column where one
    was found: empty means the audit passed. (reference holds only the seeds; meta only
    load metadata written here.)"""
    selects = []
    for t in load_contract().tables:
        for c in t.columns:
            if c.type == "id":
                selects.append(f"select {quote_ident(c.name)} as v from {source_db}.raw.{quote_ident(t.name)}")
    con.execute(f"create or replace temp table _source_ids as select distinct v from ({' union all '.join(selects)}) "
                f"where length(v) >= {MIN_AUDITED_LENGTH}")
    # The warehouse's own vocabulary (indicator codes, definition ids, ... in the reference
    # seeds) is not an identifier even when a source key happens to spell the same.
    vocabulary = con.execute(
        "select schema_name, table_name, column_name from duckdb_columns() where database_name = ? "
        "and schema_name = 'reference' and data_type = 'VARCHAR'", [published_db]).fetchall()
    for schema, table, column in vocabulary:
        con.execute(f'delete from _source_ids where v in (select "{column}" from {published_db}."{schema}"."{table}")')
    columns = con.execute(
        "select schema_name, table_name, column_name from duckdb_columns() where database_name = ? "
        "and data_type = 'VARCHAR' and column_name <> 'la_code' and schema_name not in ('reference', 'meta')",
        [published_db]
    ).fetchall()
    leaks = []
    for schema, table, column in columns:
        rel = f'{published_db}."{schema}"."{table}"'
        hit = con.execute(f'select 1 from {rel} where "{column}" in (select v from _source_ids) limit 1').fetchone()
        if hit:
            leaks.append(f"{schema}.{table}.{column}")
    con.execute("drop table _source_ids")
    return leaks
