"""Transform: the dbt project as Dagster assets, built in one step: staging (typing and
renaming only), intermediate models and marts. dbt sources map onto the ingest assets through
`meta.dagster.asset_key`, so the graph runs from file to mart in one line."""


import importlib.metadata
from collections.abc import Mapping
from functools import cached_property
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, DbtProject, dbt_assets
from packaging import version

from orchestration.dbt_manifest import dbt_executable
from orchestration.gx_runtime import warm_up_great_expectations
from orchestration.resources import WarehouseResource
from orchestration.settings import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
MANIFEST = dbt_project.manifest_path

# The dbt assets below are read from the manifest when this module is imported:
# definitions.build_definitions prepares it first (the test suite's fixture too).


class WarehouseDbtTranslator(DagsterDbtTranslator):
    """Models are keyed by schema and name (marts/indicator_values) and grouped by layer."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] in ("model", "seed", "snapshot"):
            schema = dbt_resource_props.get("config", {}).get("schema") or "main"
            return dg.AssetKey([schema, dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        return dbt_resource_props.get("config", {}).get("schema") or "dbt"


# dbt's unit tests check the SQL against hand-made inputs, not the night's data: the test
# suite runs them (tests/test_report.py), the nightly build does not.
NIGHTLY_ARGS = ["--exclude-resource-type", "unit_test"]

translator = WarehouseDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))


class WarehouseDbtCliResource(DbtCliResource):
    """dagster-dbt's resource without two fixed costs of every run that this project does
    not need (about 5 s of a 30 s run at one authority): it would start a dbt process only
    to read dbt's version (dbt-core is installed here, pinned in pyproject.toml), and open
    a dbt adapter in this process for metadata we do not fetch (row counts, columns)."""

    # Both overrides replace private members of DbtCliResource (checked against
    # dagster-dbt 0.29.27): dagster-dbt offers no setting for either cost. A dagster-dbt
    # upgrade that renames them only brings the costs back; tests/test_definitions.py
    # fails if they stop being called.
    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):
        return None


def dbt_resource() -> DbtCliResource:
    # dbt's own log file (build/dbt/<step>/dbt.log) takes warnings and errors only: at debug
    # level, writing every statement cost about 10% of a one-authority dbt step, and the
    # run's log (build/run.log) already has dbt's whole output
    return WarehouseDbtCliResource(project_dir=dbt_project, profiles_dir=str(DBT_PROJECT_DIR),
                                   dbt_executable=dbt_executable(),
                                   global_config_flags=["--log-level-file", "warn"])


def step_target(warehouse: WarehouseResource, step: str):
    """dbt's target folder for one step of this warehouse's runs, the same every night:
    dagster-dbt's default, a new folder under dbt_project/target per invocation, kept
    about 8 MB a night for ever. Kept per warehouse, the folder's partial-parse state
    matches the paths its profile was parsed for; a newer parse of the project (set-up,
    `csc-warehouse parse`) replaces it, as dagster-dbt copies the project's only into a
    folder that has none."""
    folder = warehouse.paths.build_dir / "dbt" / step
    mine, project = folder / "partial_parse.msgpack", MANIFEST.with_name("partial_parse.msgpack")
    if mine.exists() and project.exists() and project.stat().st_mtime > mine.stat().st_mtime:
        mine.unlink()
    return folder


EVIDENCE = dg.AssetKey(["marts", "indicator_evidence"])


@dbt_assets(manifest=MANIFEST, name="dbt_build", dagster_dbt_translator=translator)
def dbt_build(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    """Seeds, staging views, intermediate models and marts in one dbt invocation
    (marts.indicator_evidence in the next publication's own file, which starts afresh: a
    blocked run may have left one). The quality gate stands after it, before publication:
    the staging and marts suites are blocking checks of these assets, and the publish step
    reads their findings. A second dbt process for the models, after the staging suites,
    paid dbt's start again (about 3.5 s: import, loading the project, connecting) and
    bought nothing, as no model reads the findings: side by side, one authority's run
    took 25.1 s against 31.8, ten authorities' no measurably less (benchmarks/RESULTS.md,
    4 December 2026, afternoon)."""
    warm_up_great_expectations()  # for the suites, while this step waits on dbt
    if EVIDENCE in context.selected_asset_keys:
        warehouse.paths.publication_db.unlink(missing_ok=True)
        warehouse.paths.publication_db.with_name(warehouse.paths.publication_db.name + ".wal").unlink(missing_ok=True)
    yield from dbt.cli(["build", *NIGHTLY_ARGS], context=context,
                       target_path=step_target(warehouse, "build")).stream()
