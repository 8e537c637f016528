"""The contract file, the dbt sources and the staging models agree."""

from pathlib import Path

import yaml

from orchestration.contract import load_contract
from orchestration.settings import DBT_PROJECT_DIR


def test_every_contract_table_is_a_dbt_source_of_its_family_mapped_to_its_ingest_asset():
    sources, family_of = {}, {}
    for path in (DBT_PROJECT_DIR / "models/staging").rglob("_*__sources.yml"):
        for source in yaml.safe_load(path.read_text())["sources"]:
            for t in source["tables"]:
                sources[t["name"]] = t["meta"]["dagster"]["asset_key"]
                family_of[t["name"]] = source["name"]
    contract = load_contract()
    assert set(sources) == {t.name for t in contract.tables}
    assert all(key == ["raw", name] for name, key in sources.items())
    # one source per extract family (raw_case, raw_placement ...), not one of every table
    assert all(family_of[t.name] == f"raw_{t.family}" for t in contract.tables)


def test_every_contract_table_has_a_staging_model():
    models = {p.stem for p in (DBT_PROJECT_DIR / "models/staging").rglob("stg_*.sql")}
    assert {t.staging_model for t in load_contract().tables} == models


def test_contract_keys_are_columns_and_required():
    for t in load_contract().tables:
        cols = {c.name: c for c in t.columns}
        for k in t.key:
            assert cols[k].required, f"{t.name}.{k} is a key but not required"


def test_data_raw_readme_documents_every_file_and_required_column():
    text = (DBT_PROJECT_DIR.parent / "data_raw" / "README.md").read_text()
    for t in load_contract().tables:
        row = next((line for line in text.splitlines() if line.startswith(f"| {t.file} |")
                    and ", ".join(t.key) in line and all(f"**{c}**" in line or f"{c} (" in line
                                                         for c in t.column_names)), None)
        assert row is not None, f"{t.file} is not documented as the contract has it"
        for c in t.columns:
            assert (f"**{c.name}** ({c.type})" in row) == c.required, f"{t.file}.{c.name}"


def test_every_staged_as_names_a_column_of_its_staging_model():
    import json

    manifest = json.loads((DBT_PROJECT_DIR / "target" / "manifest.json").read_text())
    documented = {n["name"]: set(n["columns"]) for n in manifest["nodes"].values() if n["resource_type"] == "model"}
    for t in load_contract().tables:
        for c in t.staged_columns:  # raw-only columns (personal data no measure needs) are never staged
            assert c.staged_as in documented[t.staging_model], f"{t.staging_model} has no column {c.staged_as}"
