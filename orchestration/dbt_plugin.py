"""A dbt-duckdb plugin (profiles.yml) that hands dbt's connections the pseudonymisation
key, so that marts.indicator_evidence is pseudonymised as it is built (macro
`pseudonym`, dbt_project/macros/pseudonymise.sql) and written once, into the file that
is published.

The key goes in as DuckDB variables (its HMAC inner and outer pads) set through the
Python API with parameters: it is in no SQL text dbt compiles, logs or writes to target/.
Without CSC_HMAC_KEY nothing is set and the macro stops the build with an error.

CSC_EVIDENCE_YEARS (settings.evidence_years) goes in the same way, as csc_evidence_years
(macro evidence_years): a setting read when the SQL runs, not when dbt parses it, so
changing it never makes dbt parse the project again.

The build file, the publication file and DuckDB's memory limit are set here too, as dbt
connects (update_connection_config), from CSC_BUILD_DB, CSC_PUBLICATION_DB and
CSC_DUCKDB_MEMORY_LIMIT: in profiles.yml they would make dbt parse the whole project
again for every new warehouse folder, as its parse state includes the profile."""

from __future__ import annotations

import os

from dbt.adapters.duckdb.plugins import BasePlugin

from orchestration.pseudonymise import MissingKeyError, hmac_key, hmac_pads
from orchestration.settings import duckdb_memory_limit, evidence_years, load_env_file

VARIABLES = {"ipad": "csc_hmac_ipad", "opad": "csc_hmac_opad"}


def set_key_variables(con) -> None:
    con.execute("set variable csc_evidence_years = ?", [evidence_years()])
    try:
        pads = hmac_pads(hmac_key())
    except MissingKeyError:
        return
    for pad, variable in VARIABLES.items():
        con.execute(f"set variable {variable} = ?", [pads[pad]])


class Plugin(BasePlugin):
    def initialize(self, plugin_config) -> None:
        load_env_file()  # for dbt run by hand: the pipeline's dbt inherits the run's environment

    def update_connection_config(self, creds, config) -> None:
        """The run's files and memory limit, set on the credentials dbt is about to connect
        with (after dbt has parsed, with the profile as written)."""
        creds.path = os.environ.get("CSC_BUILD_DB") or creds.path
        for attachment in creds.attach or []:
            if attachment.alias == "publication":
                attachment.path = os.environ.get("CSC_PUBLICATION_DB") or attachment.path
        config["memory_limit"] = duckdb_memory_limit()

    def configure_connection(self, conn) -> None:
        set_key_variables(conn)

    def configure_cursor(self, cursor) -> None:
        set_key_variables(cursor)  # variables belong to a connection: each cursor needs its own
