"""Dagster code location of the children's services performance warehouse.

`dagster dev -m orchestration` finds `defs` here. It is imported lazily so that the
`csc-warehouse` command (whose module lives in this package) can prepare the dbt
manifest and generate demonstration data without loading the whole asset graph.
"""


def __getattr__(name: str):
    if name == "defs":
        from orchestration.definitions import defs

        return defs
    raise AttributeError(f"module 'orchestration' has no attribute {name!r}")


def __dir__() -> list[str]:
    return ["defs"]
