"""The house rules of orchestration/: plain logic apart from the frameworks, no import
cycles, and nothing done at import time."""

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "orchestration"
FRAMEWORKS = ("dagster", "dagster_dbt", "dagster_duckdb", "dbt", "great_expectations")
# modules of plain logic: no Dagster, dbt or Great Expectations at their top level
PLAIN = {"settings", "sql", "contract", "loader", "findings", "publication", "pseudonymise", "report", "alerts",
         "demo_data", "traceability", "gx_runtime", "dbt_manifest", "cli", "quality_suites", "quality_page", "workbook"}


def sources(module: str) -> list[Path]:
    """The files of a module of orchestration/: `<name>.py`, or every file of the subpackage `<name>/`."""
    single = PACKAGE / f"{module}.py"
    return [single] if single.is_file() else sorted((PACKAGE / module).rglob("*.py"))


def modules() -> list[str]:
    """Top-level modules and subpackages of orchestration/ (a subpackage counts as one module)."""
    return sorted([p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"]
                  + [p.parent.name for p in PACKAGE.glob("*/__init__.py")])


def imports(module: str) -> tuple[set[str], set[str]]:
    """(package modules, third-party top-level packages) a module imports at its top level
    (for a subpackage: any of its files; imports within the subpackage are not edges)."""
    own, other = set(), set()
    body = [node for path in sources(module) for node in ast.parse(path.read_text()).body]
    for node in body:
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        for name in names:
            if name.startswith("orchestration."):
                if name.split(".")[1] != module:
                    own.add(name.split(".")[1])
            else:
                other.add(name.split(".")[0])
    return own, other


def graph() -> dict[str, set[str]]:
    return {m: imports(m)[0] for m in modules()}


def test_no_import_cycles():
    edges = graph()
    seen: dict[str, str] = {}

    def visit(node: str, path: list[str]) -> None:
        seen[node] = "open"
        for dep in sorted(edges.get(node, ())):
            assert seen.get(dep) != "open", f"import cycle: {' -> '.join(path + [dep])}"
            if dep not in seen:
                visit(dep, path + [dep])
        seen[node] = "done"

    for module in sorted(edges):
        if module not in seen:
            visit(module, [module])


def test_plain_modules_import_no_framework():
    for module in sorted(PLAIN):
        assert sources(module), f"{module} is not a module of orchestration/"
        _, third_party = imports(module)
        assert not third_party & set(FRAMEWORKS), f"{module} imports {third_party & set(FRAMEWORKS)}"


def test_every_module_says_what_it_owns():
    for path in sorted(PACKAGE.rglob("*.py")):
        doc = ast.get_docstring(ast.parse(path.read_text()))
        assert doc and doc.strip(), f"{path.name} has no module docstring"


def test_importing_the_package_and_its_command_loads_no_framework():
    code = ("import os, sys; before = set(os.environ); "
            "import orchestration, orchestration.cli, orchestration.publication, orchestration.definitions; "
            "print(sorted(m for m in ('dagster_dbt', 'dbt', 'great_expectations', 'orchestration.transform') "
            "if m in sys.modules), sorted(set(os.environ) - before))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=PACKAGE.parent, env={k: v for k, v in os.environ.items() if not k.startswith("CSC_")},
                         ).stdout.strip()
    assert out == "[] []"  # no framework loaded, no environment variable set (not even from .env)


def test_the_readme_layout_names_every_module():
    readme = (PACKAGE.parent / "README.md").read_text()
    block = readme.split("```\ndata_raw/", 1)[1].split("```", 1)[0]
    named = set(__import__("re").findall(r"([a-z_]+)(?:\.py|/)", block))
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    modules |= {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert modules - named == set(), "modules missing from the README's layout block"


def test_no_function_of_80_lines_or_more():
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 >= 80:
                long.append(f"{path.relative_to(PACKAGE)}:{node.name} ({node.end_lineno - node.lineno + 1} lines)")
    assert long == []


def test_parsing_the_dbt_project_writes_no_log_folder_into_it():
    """Issue 16: a run wrote dbt_project/logs; only the manifest (the project's own) is written there."""
    from orchestration.dbt_manifest import prepare_manifest
    from orchestration.settings import DBT_PROJECT_DIR

    shutil.rmtree(DBT_PROJECT_DIR / "logs", ignore_errors=True)
    prepare_manifest(force=True)
    assert not (DBT_PROJECT_DIR / "logs").exists()
