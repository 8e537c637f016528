"""Benchmark: how the nightly run's cost grows with the number of authorities.

Run by hand, not in the test suite:

    .venv/bin/python benchmarks/run_benchmark.py --las 1 10 50 150 [--workdir /tmp/csc-bench]

For each size it generates demonstration data, measures the floor (DuckDB alone reading
every raw file once into tables), runs `csc-warehouse run` in a child process and
records wall time, peak memory (the child's maximum resident set) and each stage's time
(generate, ingest, dbt, checks, publish, report). Results are appended as a table to
benchmarks/RESULTS.md with the machine described.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGES = {
    "ingest": lambda k: k.startswith("ingest_"),
    "dbt": lambda k: k in ("dbt_staging", "dbt_models"),
    "checks": lambda k: k.endswith("_suites"),
    "publish": lambda k: k == "published__warehouse",
    "report": lambda k: k == "published__quarterly_report",
}


def generate(raw: Path, n: int) -> float:
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "orchestration.cli", "demo-data", "--out", str(raw), "--las", str(n)],
                   check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def floor(raw: Path) -> float:
    """DuckDB alone: every CSV read once into a table (all text, as the loader reads)."""
    import duckdb

    files = sorted(raw.rglob("*.csv"))
    con = duckdb.connect()
    started = time.monotonic()
    for i, f in enumerate(files):
        con.execute(f"create table t{i} as select * from read_csv('{f}', all_varchar=true, header=true)")
    elapsed = time.monotonic() - started
    con.close()
    return elapsed


def run(raw: Path, wh: Path) -> tuple[float, float, dict]:
    env = {**os.environ, "CSC_HMAC_KEY": os.environ.get("CSC_HMAC_KEY", "benchmark-key-0123456789abcdef")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "orchestration.cli", "run", "--raw-dir", str(raw),
                           "--warehouse-dir", str(wh)], env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        print(proc.stdout[-3000:], proc.stderr[-3000:])
        raise SystemExit(f"run failed for {raw}")
    summary = json.loads((wh / "build" / "run_summary.json").read_text())
    # ru_maxrss of children is the largest child so far: report it only when it grew
    return elapsed, max(peak_kib, before) / 1024, summary


def machine() -> str:
    mem = ""
    try:
        kb = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB memory"
    except (OSError, StopIteration):
        pass
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--las", type=int, nargs="+", default=[1, 10, 50, 150])
    parser.add_argument("--workdir", default="/tmp/csc-bench")
    args = parser.parse_args()
    rows = []
    for n in args.las:
        base = Path(args.workdir) / f"las{n}"
        subprocess.run(["rm", "-rf", str(base)], check=True)
        raw, wh = base / "raw", base / "wh"
        gen = generate(raw, n)
        fl = floor(raw)
        wall, peak_mib, summary = run(raw, wh)
        stages = {name: sum(v for k, v in summary["step_seconds"].items() if match(k)) for name, match in STAGES.items()}
        rows.append((n, gen, fl, wall, peak_mib, stages, summary["rows_loaded"]))
        print(f"{n} authorities: generate {gen:.1f}s, floor {fl:.1f}s, run {wall:.1f}s, peak {peak_mib:.0f} MiB, "
              + ", ".join(f"{k} {v:.1f}s" for k, v in stages.items()), flush=True)
    lines = [f"\n## {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC — {machine()}\n",
             "| authorities | rows loaded | generate s | floor s | run s (wall) | peak MiB | ingest s (x floor) | dbt s (x floor) "
             "| checks s (x floor) | publish s (x floor) | report s |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for n, gen, fl, wall, peak, st, loaded in rows:
        x = lambda v: f"{v:.1f} ({v / fl:.1f}x)" if fl else f"{v:.1f}"  # noqa: E731
        lines.append(f"| {n} | {loaded:,} | {gen:.1f} | {fl:.1f} | {wall:.1f} | {peak:.0f} | {x(st['ingest'])} | "
                     f"{x(st['dbt'])} | {x(st['checks'])} | {x(st['publish'])} | {st['report']:.1f} |")
    results = HERE / "RESULTS.md"
    if not results.exists():
        results.write_text("# Benchmark results\n\nWritten by `benchmarks/run_benchmark.py`; newest at the bottom.\n")
    with results.open("a") as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"appended to {results}")


if __name__ == "__main__":
    main()
