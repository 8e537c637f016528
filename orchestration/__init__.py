"""Dagster code location of the children's services performance warehouse.

`dagster dev -m orchestration` finds `defs` here, built on first use by
orchestration.definitions.build_definitions, so that importing the package (the
`csc-warehouse` command lives in it) loads no framework and touches no file.
"""

from functools import cache


@cache
def _defs():
    from orchestration.definitions import build_definitions

    return build_definitions()


def __getattr__(name: str):
    if name == "defs":
        return _defs()
    raise AttributeError(f"module 'orchestration' has no attribute {name!r}")


def __dir__() -> list[str]:
    return ["defs"]
