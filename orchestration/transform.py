"""Transform: the dbt project as Dagster assets, in two steps so that the quality gate can
stand between them: staging (typing and renaming only) and everything after it
(intermediate models and marts). dbt sources map onto the ingest assets through
`meta.dagster.asset_key`, so the graph runs from file to mart in one line."""


from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, DbtProject, dbt_assets

from orchestration.dbt_manifest import dbt_executable, prepare_manifest
from orchestration.settings import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
MANIFEST = dbt_project.manifest_path


prepare_manifest()  # the dbt assets below are built from the manifest at import


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


translator = WarehouseDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))


def dbt_resource() -> DbtCliResource:
    return DbtCliResource(project_dir=dbt_project, profiles_dir=str(DBT_PROJECT_DIR), dbt_executable=dbt_executable())


@dbt_assets(manifest=MANIFEST, select="tag:staging", name="dbt_staging", dagster_dbt_translator=translator)
def dbt_staging(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """Staging views: one per raw table, typed and renamed."""
    yield from dbt.cli(["build"], context=context).stream()


@dbt_assets(manifest=MANIFEST, exclude="tag:staging", name="dbt_models", dagster_dbt_translator=translator)
def dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """Seeds, intermediate models and marts."""
    yield from dbt.cli(["build"], context=context).stream()
