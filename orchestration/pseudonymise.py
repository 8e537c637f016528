"""Pseudonymisation of the published warehouse, and the audit that no source identifier
reached it.

Child, worker and person keys are replaced by a keyed hash: HMAC-SHA256 with the secret
in CSC_HMAC_KEY over (authority, identifier), cut to PSEUDONYM_LENGTH hex characters,
computed as the evidence is built (dbt macro `pseudonym`; this module holds the key and
its pads). The same child keeps the same pseudonym night after night, so evidence can be
followed month to month, but without the key nobody can tell which child it is, nor
test a guessed identifier.
"""

from __future__ import annotations

import hashlib
import os

import duckdb

from orchestration.contract import load_contract
from orchestration.sql import quote_ident

KEY_ENV = "CSC_HMAC_KEY"
MIN_KEY_LENGTH = 16
PSEUDONYM_LENGTH = 20  # as the dbt macro `pseudonym` cuts it
PSEUDONYM_PATTERN = f"[0-9a-f]{{{PSEUDONYM_LENGTH}}}"

# published table -> its columns that hold pseudonyms of source identifiers (the audit
# expects a pseudonym's shape there)
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


def hmac_pads(key: bytes) -> dict[str, bytes]:
    """The key XOR-ed with HMAC-SHA256's inner and outer pads (RFC 2104): what the dbt macro
    `pseudonym` needs (orchestration/dbt_plugin.py hands them to dbt)."""
    block = hashlib.sha256().block_size
    if len(key) > block:
        key = hashlib.sha256(key).digest()
    key = key.ljust(block, b"\0")
    return {"ipad": bytes(b ^ 0x36 for b in key), "opad": bytes(b ^ 0x5C for b in key)}


def source_identifier_leaks(con: duckdb.DuckDBPyConnection, source_db: str, published_db: str) -> list[str]:
    """Every text column of the published marts, quality findings and history (bar
    la_code) searched for any identifier the raw extracts hold (contract type `id`), less
    the warehouse's own vocabulary. Returns 'schema.table.column' of each column where one
    was found: empty means the audit passed. (reference holds only the seeds; meta only
    load metadata written here.)

    The search starts from the small side: the distinct values of each published column
    are gathered in one table and every raw identifier column is scanned once against it.
    A pseudonymised column holds only pseudonyms, which no identifier can equal unless it
    is itself shaped like one: its values not shaped like a pseudonym are gathered, and
    the whole column is searched only when some raw identifier has a pseudonym's shape."""
    identifiers = " union all ".join(
        f"select {quote_ident(c.name)} as v from {source_db}.raw.{quote_ident(t.name)}"
        for t in load_contract().tables for c in t.columns if c.type == "id"
    )
    columns = con.execute(
        "select schema_name, table_name, column_name from duckdb_columns() where database_name = ? "
        "and data_type = 'VARCHAR' and column_name <> 'la_code' and schema_name not in ('reference', 'meta')",
        [published_db]
    ).fetchall()
    pseudonymised = {(schema, table, column) for (schema, table), cols in PSEUDONYMISED_COLUMNS.items()
                     for column in cols}
    con.execute("create or replace temp table _published_values (where_found varchar, v varchar)")
    try:
        for schema, table, column in columns:
            rel, col = f'{published_db}."{schema}"."{table}"', quote_ident(column)
            shape = f" and not regexp_full_match({col}, '{PSEUDONYM_PATTERN}')" \
                if (schema, table, column) in pseudonymised else ""
            con.execute(f"insert into _published_values select distinct ?, {col} from {rel} "
                        f"where length({col}) >= {MIN_AUDITED_LENGTH}{shape}", [f"{schema}.{table}.{column}"])
        # The warehouse's own vocabulary (indicator codes, definition ids, ... in the reference
        # seeds) is not an identifier even when a source key happens to spell the same.
        vocabulary = con.execute(
            "select schema_name, table_name, column_name from duckdb_columns() where database_name = ? "
            "and schema_name = 'reference' and data_type = 'VARCHAR'", [published_db]).fetchall()
        for schema, table, column in vocabulary:
            con.execute(f'delete from _published_values where v in (select "{column}" from {published_db}."{schema}"."{table}")')
        leaks = {r[0] for r in con.execute(
            f"select distinct p.where_found from ({identifiers}) as source join _published_values p on p.v = source.v"
        ).fetchall()}
        shaped = con.execute(f"select count(*) from ({identifiers}) where length(v) = {PSEUDONYM_LENGTH} "
                             f"and regexp_full_match(v, '{PSEUDONYM_PATTERN}')").fetchone()[0]
        if shaped:
            for schema, table, column in sorted(pseudonymised & set(columns)):
                col = quote_ident(column)
                hit = con.execute(
                    f'select 1 from {published_db}."{schema}"."{table}" where {col} in (select v from ({identifiers}) '
                    f"where length(v) = {PSEUDONYM_LENGTH} and regexp_full_match(v, '{PSEUDONYM_PATTERN}')) limit 1"
                ).fetchone()
                if hit:
                    leaks.add(f"{schema}.{table}.{column}")
    finally:
        con.execute("drop table if exists _published_values")
    return sorted(leaks)
