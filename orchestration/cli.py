"""`csc-warehouse`: the nightly job and the team's other commands.

  csc-warehouse run [--raw-dir DIR] [--warehouse-dir DIR] [--demo]
  csc-warehouse demo-data --out DIR [--las N] [--seed S] [--format native|ssd]
  csc-warehouse report [--quarter 2018Q2] [--la CODE] [--warehouse-dir DIR] [--out DIR]
  csc-warehouse rollback [--steps N] [--undo] [--list] [--warehouse-dir DIR]
  csc-warehouse parse
  csc-warehouse evidence --la CODE --from YYYY-MM [--warehouse-dir DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import json
import logging
import os
import re
import sys
import time
from pathlib import Path

from orchestration.run_lock import build_lock
from orchestration.settings import Paths, evidence_years

EXIT_OK = 0
EXIT_BLOCKED = 1
EXIT_USAGE = 2
EXIT_BUSY = 3


_console = None  # where progress goes while the run's own stdout (dbt's log) goes to a file
_step_seconds: dict[str, float] = {}  # seconds each step of the last run took


def _print(msg: str) -> None:
    print(msg, file=_console or sys.stdout, flush=True)


def _has_authorities(raw_dir: Path) -> bool:
    return raw_dir.is_dir() and any(p.is_dir() and not p.name.startswith(".") for p in raw_dir.iterdir())


def cmd_demo_data(args: argparse.Namespace) -> int:
    from orchestration.demo_data import generate

    out = Path(args.out).resolve()
    started = time.monotonic()
    summary = generate(out, n_las=args.las, seed=args.seed, progress=_print, format=args.format)
    rows = sum(summary["rows"].values())
    _print(f"wrote {summary['files']} files, {rows:,} rows for {len(summary['la_codes'])} authorities to {out} "
           f"in {time.monotonic() - started:.1f}s")
    return EXIT_OK


def _paths(args: argparse.Namespace) -> Paths:
    """The command's folders: --raw-dir and --warehouse-dir where it has them, else the
    environment's (CSC_RAW_DIR, CSC_WAREHOUSE_DIR) or the defaults."""
    env = Paths.from_env()
    raw, wh = getattr(args, "raw_dir", None), getattr(args, "warehouse_dir", None)
    return Paths(Path(raw).resolve() if raw else env.raw_dir, Path(wh).resolve() if wh else env.warehouse_dir)


def cmd_report(args: argparse.Namespace) -> int:
    from orchestration.report import Quarter, ReportError, build_reports

    paths = _paths(args)
    out = Path(args.out).resolve() if args.out else paths.reports_dir
    try:
        quarter = Quarter.parse(args.quarter) if args.quarter else None
        written = build_reports(paths.published_db, out, quarter, args.la)
    except ReportError as exc:
        _print(f"report: {exc}")
        return EXIT_USAGE
    for path in written:
        _print(f"wrote {path}")
    return EXIT_OK


def cmd_rollback(args: argparse.Namespace) -> int:
    from orchestration.publication import archived, rollback

    paths = _paths(args)
    if args.list:
        for f in archived(paths.published_db):
            _print(f.name)
        return EXIT_OK
    if args.steps < 1:
        _print("rollback: --steps is the number of publications to go back, 1 or more (--undo goes forward)")
        return EXIT_USAGE
    try:
        chosen = rollback(paths.published_db, -1 if args.undo else args.steps)
    except (FileNotFoundError, ValueError) as exc:
        _print(f"rollback: {exc}")
        return EXIT_USAGE
    _print(f"{paths.published_db} is now {chosen.name}")
    return EXIT_OK


def cmd_parse(args: argparse.Namespace) -> int:
    from orchestration.dbt_manifest import prepare_manifest

    _paths(args).export()
    prepare_manifest(force=True)
    _print("dbt manifest written")
    return EXIT_OK


def cmd_evidence(args: argparse.Namespace) -> int:
    """Older child-level evidence on request: one authority's evidence from a month on, as
    marts.indicator_evidence publishes it (macro evidence_on_request: the same rows and
    pseudonyms), rebuilt from the build file into a DuckDB file of its own
    (<warehouse>/evidence/<CODE>_from_<YYYY-MM>.duckdb, table indicator_evidence)."""
    import subprocess
    import tempfile

    from orchestration.contract import load_contract
    from orchestration.publication import PUBLISHED_MODE
    from orchestration.dbt_manifest import dbt_executable
    from orchestration.settings import DBT_PROJECT_DIR, duckdb_memory_limit

    paths = _paths(args)
    month = re.fullmatch(r"(\d{4})-(\d{2})", args.from_month or "")
    if not load_contract().authority_pattern.match(args.la) or not month or not 1 <= int(month[2]) <= 12:
        _print("evidence: --la is an authority code and --from a month, YYYY-MM")
        return EXIT_USAGE
    if not paths.build_db.exists():
        _print(f"evidence: no build file in {paths.build_dir}: run the warehouse first")
        return EXIT_USAGE
    default = paths.warehouse_dir / "evidence" / f"{args.la}_from_{args.from_month}.duckdb"
    out = Path(args.out).resolve() if args.out else default
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.unlink(missing_ok=True)
    env = {**os.environ, "CSC_BUILD_DB": str(paths.build_db), "CSC_PUBLICATION_DB": str(tmp),
           "CSC_DUCKDB_MEMORY_LIMIT": duckdb_memory_limit()}
    with build_lock(paths) as locked, tempfile.TemporaryDirectory(dir=paths.build_dir) as target:
        if not locked:
            _print(f"evidence: a run holds the build lock of {paths.build_dir}; try again when it has finished")
            return EXIT_BUSY
        proc = subprocess.run(
            [dbt_executable(), "--log-level-file", "none", "--log-path", target, "run-operation", "evidence_on_request",
             "--args", json.dumps({"la_code": args.la, "from_month": f"{args.from_month}-01"}),
             "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR), "--target-path", target],
            cwd=DBT_PROJECT_DIR, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        tmp.unlink(missing_ok=True)
        _print(f"evidence: dbt failed: {_scrub((proc.stdout.strip().splitlines() or [''])[-1])}")
        return EXIT_BLOCKED
    os.chmod(tmp, PUBLISHED_MODE)  # pseudonymised child-level rows: as private as the published file
    os.replace(tmp, out)
    tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
    _print(f"wrote {out} (table indicator_evidence)")
    return EXIT_OK


def _scrub(message: str) -> str:
    """An error's first line with anything quoted removed: a library's message (a failed
    cast, say) can quote a value from the data, and the console is no place for it."""
    first = (message.strip().splitlines() or [""])[0]
    return re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", first)[:300]


class _ProgressHandler(logging.Handler):
    """Prints one line per step and each message the assets log, with elapsed time."""

    QUIET = ("A dbt subsetted execution", "Copying `", "Running dbt command")

    def __init__(self, started: float):
        super().__init__(logging.DEBUG)
        self.started = started
        self.step_started: dict[str, float] = {}
        _step_seconds.clear()

    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", None) or {}
        event = meta.get("dagster_event")
        step = meta.get("step_key") or ""
        elapsed = f"{time.monotonic() - self.started:6.1f}s"
        if event is not None:
            kind = event.event_type_value
            if kind == "STEP_START":
                self.step_started[step] = record.created
            elif kind in ("STEP_SUCCESS", "STEP_FAILURE") and step in self.step_started:
                _step_seconds[step] = round(record.created - self.step_started[step], 2)
            label = {"STEP_START": "started", "STEP_SUCCESS": "done", "STEP_FAILURE": "FAILED",
                     "STEP_SKIPPED": "skipped (an upstream check failed)"}.get(kind)
            if label:
                _print(f"{elapsed}  {step:<28} {label}")
                if kind == "STEP_SKIPPED":
                    return
                if kind == "STEP_FAILURE" and event.step_failure_data and event.step_failure_data.error:
                    err = event.step_failure_data.error
                    while err.cause is not None and err.cls_name in ("DagsterExecutionStepExecutionError",):
                        err = err.cause
                    _print(f"{'':10}{err.cls_name}: {_scrub(err.message)}")
            elif kind == "ASSET_CHECK_EVALUATION":
                data = event.event_specific_data
                if data.passed and not data.check_name.endswith("_suite"):
                    return  # the many per-table and dbt-test checks: only failures are news
                status = "passed" if data.passed else f"FAILED ({data.severity.value})"
                _print(f"{elapsed}  check {'/'.join(data.asset_key.path)} {data.check_name}: {status}")
            return
        message = meta.get("orig_message") or ""
        if record.levelno >= logging.INFO and message and not message.startswith(self.QUIET):
            # Dagster names a multi-asset once per asset it skips: name it once
            message = re.sub(r"\[('[^']+')(?:, \1)+\]", r"[\1]", message)
            _print(f"{elapsed}    {message}")


def cmd_run(args: argparse.Namespace) -> int:
    paths = _paths(args)
    paths.export()
    started = time.monotonic()
    if not _has_authorities(paths.raw_dir):
        if not args.demo:
            _print(f"no authority folders under {paths.raw_dir}: nothing to load "
                   "(use --demo to generate demonstration extracts there)")
            return EXIT_USAGE
        from orchestration.demo_data import generate

        _print(f"{paths.raw_dir} has no extracts: generating demonstration data")
        generate(paths.raw_dir, n_las=1, progress=_print)

    from orchestration.pseudonymise import MissingKeyError, hmac_key

    try:
        hmac_key()
    except MissingKeyError as exc:
        if not args.demo:
            _print(f"not run: {exc}")
            return EXIT_USAGE
        _create_demo_key()

    unwritable = paths.check_writable()
    if unwritable:
        _print(f"not run: {unwritable}")
        return EXIT_USAGE
    try:  # read again inside dbt (dbt_plugin.py): a bad value would otherwise fail the run half-way
        evidence_years()
    except ValueError as exc:
        _print(f"not run: {exc}")
        return EXIT_USAGE
    with build_lock(paths) as locked:
        if not locked:
            _print(f"not run: another run is building in {paths.build_dir} (it holds the build lock)")
            return EXIT_BUSY
        paths.secure_build_dir()
        try:
            result = run_pipeline(paths, started)
            return report(result, paths, started)
        finally:
            paths.secure_build_dir()


def _create_demo_key() -> None:
    """For a demonstration on a new machine: a random pseudonymisation key in .env."""
    import secrets

    from orchestration.pseudonymise import KEY_ENV
    from orchestration.settings import ENV_FILE

    key = secrets.token_hex(32)
    env_file = ENV_FILE
    with open(env_file, "a", encoding="utf-8") as fh:
        fh.write(f"\n# created by csc-warehouse run --demo; set your own for real data\n{KEY_ENV}={key}\n")
    os.chmod(env_file, 0o600)
    os.environ[KEY_ENV] = key
    _print(f"{KEY_ENV} was not set: created a random key for the demonstration in {env_file}")


def run_pipeline(paths: Paths, started: float | None = None):
    """Run the nightly job in-process against these paths. Returns the Dagster result."""
    import dagster as dg

    from orchestration.definitions import build_definitions

    handler = _ProgressHandler(started or time.monotonic())

    @dg.logger
    def progress_logger(_):
        log = logging.getLogger("csc_warehouse.run")
        log.handlers = [handler]
        log.setLevel(logging.DEBUG)
        log.propagate = False
        return log

    defs = build_definitions(paths, loggers={"progress": progress_logger})
    global _console
    _console = sys.stdout
    log_path = paths.build_dir / "run.log"
    _print(f"{'':10}(dbt's full log: {log_path})")
    try:
        with open(log_path, "w", encoding="utf-8") as log, contextlib.redirect_stdout(log):
            return defs.resolve_job_def("nightly").execute_in_process(
                run_config={"loggers": {"progress": {}}}, raise_on_error=False
            )
    finally:
        _console = None


def summarise(result, paths: Paths) -> dict:
    """What the run did, from its events and the build file: counts only, no identifiers."""
    import duckdb

    checks = [e.event_specific_data
              for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    published = any(e.event_type_value == "ASSET_MATERIALIZATION" and e.asset_key
                    and e.asset_key.path == ["published", "warehouse"] for e in result.all_events)
    summary = {
        "success": result.success and published,
        "published": published,
        "checks_passed": sum(1 for c in checks if c.passed),
        "checks_failed": [f"{'/'.join(c.asset_key.path)} {c.check_name} ({c.severity.value})"
                          for c in checks if not c.passed],
        "rows_loaded": 0,
        "files_loaded": 0,
        "indicator_rows": 0,
        "indicators": 0,
        "held_back": [],
    }
    if paths.build_db.exists():
        try:
            con = duckdb.connect(str(paths.build_db))
        except duckdb.Error:  # still locked by a dbt process that failed: counts unknown
            return summary
        try:
            row = con.execute("select coalesce(sum(rows), 0), count(*) from raw._loads where status = 'loaded'").fetchone()
            summary["rows_loaded"], summary["files_loaded"] = int(row[0]), int(row[1])
            if published:
                row = con.execute("select count(*), count(distinct definition_id) from marts.indicator_values").fetchone()
                summary["indicator_rows"], summary["indicators"] = int(row[0]), int(row[1])
                from orchestration.findings import held_back_authorities

                summary["held_back"] = sorted(held_back_authorities(con, result.run_id))
        except duckdb.Error:
            pass
        finally:
            con.close()
    return summary


def _failure(result) -> str | None:
    """The first failed step and its error's class: our own messages carry no data."""
    for e in result.all_events:
        if e.event_type_value == "STEP_FAILURE" and e.step_failure_data and e.step_failure_data.error:
            err = e.step_failure_data.error
            while err.cause is not None and err.cls_name == "DagsterExecutionStepExecutionError":
                err = err.cause
            if err.cls_name == "DagsterAssetCheckFailedError":
                return None  # a blocking check: the findings say why
            return f"step {e.step_key}: {err.cls_name}"
    return None


def alert(result, paths: Paths, summary: dict) -> list[str]:
    from orchestration.alerts import compose, findings_of_run, send

    message = compose(summary["published"], not result.success, findings_of_run(paths.build_db, result.run_id),
                      str(paths.published_db), _failure(result), summary.get("quality_page"))
    return send(message) if message else []


def report(result, paths: Paths, started: float) -> int:
    s = summarise(result, paths)
    s["step_seconds"] = dict(_step_seconds)
    s["seconds"] = round(time.monotonic() - started, 2)
    from orchestration.quality_page import refresh_quality_page

    page = refresh_quality_page(paths.build_db, paths.quality_page)  # with every finding of the run
    s["quality_page"] = str(page) if page else None
    (paths.build_dir / "run_summary.json").write_text(json.dumps(s, indent=2, default=str))
    channels = alert(result, paths, s)
    _print("")
    _print(f"rows loaded      {s['rows_loaded']:,} from {s['files_loaded']} files")
    _print(f"checks           {s['checks_passed']} passed, {len(s['checks_failed'])} failed")
    for c in s["checks_failed"]:
        _print(f"                 - {c}")
    if s["published"]:
        _print(f"indicators       {s['indicators']} definitions, {s['indicator_rows']:,} values")
        _print(f"warehouse        {paths.published_db}")
        if s["held_back"]:
            _print(f"held back        {', '.join(s['held_back'])}: ERROR findings in their data; their previous "
                   "data stays published (meta.authority_status)")
    else:
        from orchestration.publication import keep_failed_build

        failed = keep_failed_build(paths.build_db)
        _print("warehouse        NOT published: the previous warehouse is unchanged"
               + (f" ({paths.published_db})" if paths.published_db.exists() else ""))
        _print("findings         in the failed build kept aside: select * from quality.findings "
               f"(duckdb {failed})")
    if page:
        _print(f"data quality     {page} (works offline)")
    if channels:
        _print(f"alert            {', '.join(channels)}")
    _print(f"took             {time.monotonic() - started:.1f}s")
    return EXIT_OK if s["success"] else EXIT_BLOCKED


def main(argv: list[str] | None = None) -> int:
    from orchestration.settings import load_env_file

    load_env_file()
    parser = argparse.ArgumentParser(prog="csc-warehouse", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the nightly job now: load, build, check, publish")
    run.add_argument("--raw-dir", help="landing zone (default: $CSC_RAW_DIR or ./data_raw)")
    run.add_argument("--warehouse-dir", help="where the warehouse is built and published "
                     "(default: $CSC_WAREHOUSE_DIR or ./warehouse)")
    run.add_argument("--demo", action="store_true",
                     help="generate demonstration extracts first when the raw directory has none")
    run.set_defaults(func=cmd_run)

    demo = sub.add_parser("demo-data", help="write deterministic demonstration extracts")
    demo.add_argument("--out", required=True, help="folder to write <la_code>/... into")
    demo.add_argument("--las", type=int, default=1, help="number of authorities (default 1)")
    demo.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    demo.add_argument("--format", choices=["native", "ssd"], default="native",
                      help="the case extract and SSDA903 returns as the project's own files (native, default) or "
                           "as the Standard Safeguarding Dataset's tables (ssd: <la_code>/ssd/, docs/ssd.md)")
    demo.set_defaults(func=cmd_demo_data)

    rep = sub.add_parser("report", help="write the quarterly performance report (HTML) and its .xlsx workbook "
                                        "from the published warehouse")
    rep.add_argument("--quarter", help="YYYYQn, contract-year quarters: 2018Q2 = July-September 2018 "
                     "(default: the latest in the warehouse)")
    rep.add_argument("--la", help="authority code (default: every authority)")
    rep.add_argument("--warehouse-dir", help="where the published warehouse is (default: $CSC_WAREHOUSE_DIR or ./warehouse)")
    rep.add_argument("--out", help="folder to write into (default: <warehouse-dir>/reports)")
    rep.set_defaults(func=cmd_report)

    back = sub.add_parser("rollback", help="put back an earlier publication of the warehouse")
    back.add_argument("--steps", type=int, default=1, help="how many publications back (default 1)")
    back.add_argument("--list", action="store_true", help="list the kept publications, newest first")
    back.add_argument("--undo", action="store_true", help="undo the last rollback: put back the next newer publication")
    back.add_argument("--warehouse-dir", help="default: $CSC_WAREHOUSE_DIR or ./warehouse")
    back.set_defaults(func=cmd_rollback)

    parse = sub.add_parser("parse", help="(re)write the dbt manifest the Dagster definitions are built from")
    parse.add_argument("--warehouse-dir", help="accepted for older scripts: the manifest does not depend on "
                       "the warehouse")
    parse.set_defaults(func=cmd_parse)

    evidence = sub.add_parser("evidence", help="rebuild one authority's child-level evidence from a month on, older "
                              "than the published evidence keeps (CSC_EVIDENCE_YEARS), into a file of its own")
    evidence.add_argument("--la", required=True, help="authority code")
    evidence.add_argument("--from", dest="from_month", required=True, help="first month, YYYY-MM")
    evidence.add_argument("--warehouse-dir", help="default: $CSC_WAREHOUSE_DIR or ./warehouse")
    evidence.add_argument("--out", help="file to write (default: <warehouse-dir>/evidence/<CODE>_from_<YYYY-MM>.duckdb)")
    evidence.set_defaults(func=cmd_evidence)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        _print("interrupted")
        return 130


def entry() -> None:
    """The `csc-warehouse` command: main(), then out without the interpreter's teardown,
    which takes about 2 s after a run has imported Dagster, dbt and Great Expectations
    (freeing their objects one by one) and does nothing the run needs: output is flushed
    and the exit handlers (logging, temporary folders) run first. Tests call main()."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # atexit has no public way to run its handlers early; _run_exitfuncs is the function
    # the interpreter itself calls at exit (checked against CPython 3.11.7).
    atexit._run_exitfuncs()
    os._exit(int(code or 0))


if __name__ == "__main__":
    entry()
