"""Benchmark: how the nightly run's cost grows with the number of authorities.

Run by hand, not in the test suite:

    .venv/bin/python benchmarks/run_benchmark.py --las 1 10 50 150 [--workdir /tmp/csc-bench]

For each size it generates demonstration data, measures three floors (the true floor: DuckDB
reading each table's files of every authority in one `read_csv`, told the schema from
raw_contract.yml, into memory; the written floor: the same into a DuckDB file, which
ingest has to write for dbt; the old floor: DuckDB sniffing and reading every raw file
by itself; `--floor-repeat N`: the true and written floors read N times, the fastest
kept), prepares the dbt manifest for the run's paths (as set-up does), runs
`csc-warehouse run` in a child process and records its wall time, its peak memory and
each stage's time (generate, ingest, dbt, checks, publish, report). Peak memory is
sampled every 0.2 s over the run's whole process tree (the run and the dbt processes it
starts), summed; the largest single process is recorded too. Results
are appended as a table to benchmarks/RESULTS.md with the machine described
(`--repeat N`: N runs of each size on the same data, the median tabulated).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGES = {
    "ingest": lambda k: k == "ingest",
    "dbt": lambda k: k == "dbt_build",
    "checks": lambda k: k == "quality_suites",
    "publish": lambda k: k == "published__warehouse",
    "report": lambda k: k == "published__quarterly_report",
}


def cli(*args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "orchestration.cli", *args], env=env, **kw)


def generate(raw: Path, n: int) -> float:
    started = time.monotonic()
    cli("demo-data", "--out", str(raw), "--las", str(n), check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def true_floor(raw: Path, into: Path | None = None) -> float:
    """DuckDB told the schema: one read_csv per contract table over every authority's files
    (columns= from raw_contract.yml, all text, auto_detect=false), into a table in memory;
    `into` a DuckDB file instead (the written floor), timed to the file's close, when
    DuckDB has compressed and written every table, as ingest must for dbt to read them."""
    import duckdb

    sys.path.insert(0, str(HERE.parent))
    from orchestration.contract import load_contract

    reads = []
    for family in load_contract().families:
        for table in family.tables:
            years = "*/" if family.collection_years else ""
            files = sorted(str(p) for p in raw.glob(f"*/{family.folder}/{years}{table.file}"))
            if files:
                reads.append((table, files))
    if into is not None:
        for leftover in (into, into.with_name(into.name + ".wal")):
            leftover.unlink(missing_ok=True)
    con = duckdb.connect(str(into) if into is not None else ":memory:")
    con.execute("set enable_progress_bar = false")
    started = time.monotonic()
    for table, files in reads:
        columns = ", ".join(f"'{c}': 'VARCHAR'" for c in table.column_names)
        con.execute(f"create table {table.name} as select * from read_csv(?, columns={{{columns}}}, header=true, "
                    "auto_detect=false, delim=',', quote='\"', escape='\"', filename=true)", [files])
    if into is None:
        elapsed = time.monotonic() - started
        con.close()
    else:
        con.close()
        elapsed = time.monotonic() - started
        into.unlink()
    return elapsed


def floors(raw: Path, into: Path, repeat: int) -> tuple[float, float, float]:
    """(true floor, old floor, written floor). The true and the written floor are read
    `repeat` times, alternating, and the fastest reading of each kept: a floor is what the
    machine can do, and a slower reading is something else on the machine (on 5 December
    one reading of the true floor at ten authorities took 6.13 s, against 3.41-3.45 s
    before and after). The extracts just generated are flushed to disk first, so that
    their writing-back does not fall into a reading. The old floor is read once, as it
    always was, so that its history stays comparable."""
    os.sync()
    true_s, written_s = [], []
    for _ in range(repeat):
        true_s.append(true_floor(raw))
        written_s.append(true_floor(raw, into=into))
    return min(true_s), floor(raw), min(written_s)


def floor(raw: Path) -> float:
    """The old floor: DuckDB alone, every CSV sniffed and read once into a table (all text)."""
    import duckdb

    files = sorted(raw.rglob("*.csv"))
    con = duckdb.connect()
    con.execute("set enable_progress_bar = false")
    started = time.monotonic()
    for i, f in enumerate(files):
        con.execute(f"create table t{i} as select * from read_csv('{f}', all_varchar=true, header=true)")
    elapsed = time.monotonic() - started
    con.close()
    return elapsed


def _tree_rss_kib(root: int) -> tuple[int, int]:
    """(sum, largest) resident set of `root` and its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as fh:
                fields = dict(line.split(":", 1) for line in fh if ":" in line)
        except OSError:
            continue
        parents[int(entry)] = int(fields.get("PPid", "0").strip())
        rss[int(entry)] = int(fields.get("VmRSS", "0 kB").split()[0])
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, pp in parents.items() if pp == pid and p not in tree]
        tree.update(children)
        frontier.extend(children)
    sizes = [rss.get(p, 0) for p in tree]
    return sum(sizes), max(sizes, default=0)


def run(raw: Path, wh: Path) -> tuple[float, float, float, float, dict]:
    env = {**os.environ, "CSC_HMAC_KEY": os.environ.get("CSC_HMAC_KEY", "benchmark-key-0123456789abcdef")}
    started = time.monotonic()
    cli("parse", "--warehouse-dir", str(wh), env=env, check=True, stdout=subprocess.DEVNULL)
    parse_s = time.monotonic() - started
    peak = {"sum": 0, "largest": 0}
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "orchestration.cli", "run", "--raw-dir", str(raw),
                             "--warehouse-dir", str(wh)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)

    def sample() -> None:
        while proc.poll() is None:
            total, largest = _tree_rss_kib(proc.pid)
            peak["sum"], peak["largest"] = max(peak["sum"], total), max(peak["largest"], largest)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = proc.communicate()[0]
    elapsed = time.monotonic() - started
    sampler.join()
    if proc.returncode != 0:
        print(output[-3000:])
        raise SystemExit(f"run failed for {raw}")
    summary = json.loads((wh / "build" / "run_summary.json").read_text())
    return elapsed, parse_s, peak["sum"] / 1024, peak["largest"] / 1024, summary


def machine() -> str:
    cpu, mem = platform.machine(), ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        kb = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB memory"
    except (OSError, StopIteration):
        pass
    import duckdb
    from importlib.metadata import version

    return (f"{cpu}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}, DuckDB {duckdb.__version__}, "
            f"dbt-core {version('dbt-core')}, Dagster {version('dagster')}, "
            f"CSC_DUCKDB_MEMORY_LIMIT={os.environ.get('CSC_DUCKDB_MEMORY_LIMIT', 'default')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--las", type=int, nargs="+", default=[1, 10, 50, 150])
    parser.add_argument("--workdir", default="/tmp/csc-bench")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each size on the same data; the table gives the median run (default 1)")
    parser.add_argument("--floor-repeat", type=int, default=3,
                        help="readings of the true and the written floor, alternating; the table gives the "
                             "fastest of each (default 3)")
    args = parser.parse_args()
    if args.floor_repeat < 1 or args.repeat < 1:
        parser.error("--repeat and --floor-repeat take 1 or more")
    rows = []
    try:
        measure(args, rows)
    finally:  # a size that fails (or ^C) still leaves the sizes before it on record
        if rows:
            write_results(rows, args.floor_repeat)


def measure(args: argparse.Namespace, rows: list) -> None:
    for n in args.las:
        base = Path(args.workdir) / f"las{n}"
        subprocess.run(["rm", "-rf", str(base)], check=True)
        raw, wh = base / "raw", base / "wh"
        gen = generate(raw, n)
        tf, fl, wf = floors(raw, base / "floor.duckdb", args.floor_repeat)
        runs = []
        for _ in range(args.repeat):
            wall, parse_s, peak_sum, peak_largest, summary = run(raw, wh)
            stages = {name: sum(v for k, v in summary["step_seconds"].items() if match(k))
                      for name, match in STAGES.items()}
            stages["other"] = wall - sum(stages.values())  # start-up, Dagster between steps, the summary
            runs.append((wall, parse_s, peak_sum, peak_largest, stages, summary["rows_loaded"]))
            print(f"{n} authorities: generate {gen:.1f}s, true floor {tf:.2f}s, old floor {fl:.1f}s, "
                  f"written floor {wf:.2f}s (ingest {stages['ingest'] / wf:.2f}x), "
                  f"parse {parse_s:.1f}s, run {wall:.1f}s ({wall / tf:.1f}x true floor), "
                  f"peak {peak_sum:.0f} MiB (largest process {peak_largest:.0f}), "
                  + ", ".join(f"{k} {v:.1f}s ({v / tf:.1f}x)" for k, v in stages.items()), flush=True)
        wall, parse_s, peak_sum, peak_largest, stages, loaded = sorted(runs, key=lambda r: r[0])[len(runs) // 2]
        rows.append((n, gen, tf, fl, wf, parse_s, wall, peak_sum, peak_largest, stages, loaded))
        subprocess.run(["rm", "-rf", str(raw)], check=True)  # the next size needs the disk


def write_results(rows: list, floor_repeat: int) -> None:
    """One table: each stage in seconds, then as a multiple of the true floor and of the old floor;
    ingest also as a multiple of the written floor."""
    lines = [f"\n## {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC — {machine()}\n",
             "Stages as seconds (multiple of the true floor; of the old floor). Written floor: the true "
             "floor into a DuckDB file, and ingest as a multiple of it. The true and written floors are the "
             f"fastest of {floor_repeat} readings each.\n",
             "| authorities | rows loaded | generate s | true floor s | old floor s | written floor s "
             "| run s (wall) | s per authority "
             "| peak MiB (largest process) | ingest s | ingest / written floor | dbt s | checks s | publish s "
             "| report s | other s | parse s |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for n, gen, tf, fl, wf, parse_s, wall, peak_sum, peak_largest, st, loaded in rows:
        x = lambda v: f"{v:.1f} ({v / tf:.1f}x; {v / fl:.1f}x)" if tf and fl else f"{v:.1f}"  # noqa: E731
        lines.append(f"| {n} | {loaded:,} | {gen:.1f} | {tf:.2f} | {fl:.1f} | {wf:.2f} | {x(wall)} | {wall / n:.1f} "
                     f"| {peak_sum:,.0f} ({peak_largest:,.0f}) | {x(st['ingest'])} | {st['ingest'] / wf:.2f}x "
                     f"| {x(st['dbt'])} | "
                     f"{x(st['checks'])} | {x(st['publish'])} | {x(st['report'])} | {x(st['other'])} | {parse_s:.1f} |")
    results = HERE / "RESULTS.md"
    if not results.exists():
        results.write_text("# Benchmark results\n\nWritten by `benchmarks/run_benchmark.py`; newest at the bottom.\n")
    with results.open("a") as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"appended to {results}")


if __name__ == "__main__":
    main()
