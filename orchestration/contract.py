"""The raw extract contract (raw_contract.yml) as typed objects."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from orchestration.settings import CONTRACT_FILE

COLUMN_TYPES = {"id", "text", "code", "date", "flag", "integer", "decimal", "json"}


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    type: str
    required: bool
    staged_as: str  # the column's name in the staging model
    event: bool = False  # a date every row must have (the event the row records)
    future: bool = False  # a date that may lie after the extract's own date (a planned end)
    range: tuple[float | None, float | None] | None = None  # numbers: plausible lowest and highest
    aliases: tuple[str, ...] = ()  # other header names of the column (a standard's deployments differ)
    staged: bool = True  # false: raw only (personal data no measure needs)
    codes: str | None = None  # codes: the name of the column's list in seed code_lists


@dataclass(frozen=True)
class TableSpec:
    name: str
    family: str
    file: str
    required: bool
    key: tuple[str, ...]
    columns: tuple[ColumnSpec, ...]
    staging_model: str
    stands_for: str | None = None  # the native family an SSD table replaces (case, ssda903)

    @property
    def staged_columns(self) -> list[ColumnSpec]:
        """The columns the staging model carries (not those kept in raw only)."""
        return [c for c in self.columns if c.staged]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


@dataclass(frozen=True)
class FamilySpec:
    name: str
    folder: str
    collection_years: bool
    description: str
    tables: tuple[TableSpec, ...]


@dataclass(frozen=True)
class Contract:
    version: int
    authority_pattern: re.Pattern
    year_pattern: re.Pattern
    families: tuple[FamilySpec, ...]

    def family(self, name: str) -> FamilySpec:
        for f in self.families:
            if f.name == name:
                return f
        raise KeyError(name)

    def native_family(self, stands_for: str) -> FamilySpec:
        """The family a `stands_for` names: by its name (case) or its folder's last part
        (ssda903 is the placement family, placement/ssda903)."""
        for f in self.families:
            if stands_for in (f.name, Path(f.folder).name):
                return f
        raise KeyError(stands_for)

    @property
    def tables(self) -> list[TableSpec]:
        return [t for f in self.families for t in f.tables]


class ContractError(ValueError):
    """The contract file itself is malformed (a developer's error, not a data finding)."""


def _column(tname: str, cname: str, c: dict) -> ColumnSpec:
    """One column of the contract, checked."""
    if c["type"] not in COLUMN_TYPES:
        raise ContractError(f"{tname}.{cname}: unknown type {c['type']!r}")
    if (c.get("event") or c.get("future")) and c["type"] != "date":
        raise ContractError(f"{tname}.{cname}: event and future apply to dates only")
    bounds = c.get("range")
    if bounds is not None and (c["type"] not in ("integer", "decimal") or len(bounds) != 2):
        raise ContractError(f"{tname}.{cname}: range is [lowest, highest] of a number column")
    if c.get("codes") is not None and c["type"] != "code":
        raise ContractError(f"{tname}.{cname}: codes names the list of a code column")
    staged = bool(c.get("staged", True))
    if not staged and (c.get("required") or c["type"] not in ("text", "id")):
        raise ContractError(f"{tname}.{cname}: only optional text or id columns may stay unstaged")
    return ColumnSpec(cname, c["type"], bool(c.get("required", False)), c.get("staged_as", cname),
                      bool(c.get("event", False)), bool(c.get("future", False)),
                      tuple(bounds) if bounds is not None else None, tuple(c.get("aliases", ())), staged,
                      c.get("codes"))


def read_yaml(path: Path | str):
    """A YAML file of the project's own, with libyaml's parser when PyYAML has it (the
    pure-Python one takes seconds over the contract and the checks at every start)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (a safe loader)


@lru_cache(maxsize=4)
def load_contract(path: Path = CONTRACT_FILE) -> Contract:
    doc = read_yaml(path)
    families = []
    for fname, f in doc["families"].items():
        tables = []
        for tname, t in f["tables"].items():
            cols = [_column(tname, cname, c) for cname, c in t["columns"].items()]
            names = {c.name for c in cols}
            missing_key = [k for k in t["key"] if k not in names]
            if missing_key:
                raise ContractError(f"{tname}: key columns {missing_key} are not columns")
            staging_model = t.get("staging_model") or f["staging_prefix"] + tname.removeprefix(f.get("table_prefix", ""))
            tables.append(
                TableSpec(tname, fname, t["file"], bool(t.get("required", True)), tuple(t["key"]), tuple(cols),
                          staging_model, t.get("stands_for"))
            )
        families.append(
            FamilySpec(
                fname,
                f["folder"],
                bool(f.get("collection_years", False)),
                str(f.get("description", "")).strip(),
                tuple(tables),
            )
        )
    contract = Contract(
        int(doc["version"]),
        re.compile(doc["authority_folder_pattern"]),
        re.compile(doc["collection_year_pattern"]),
        tuple(families),
    )
    for t in contract.tables:
        if t.stands_for is not None:
            try:
                contract.native_family(t.stands_for)
            except KeyError:
                raise ContractError(f"{t.name}: stands_for names no family ({t.stands_for!r})") from None
    return contract
