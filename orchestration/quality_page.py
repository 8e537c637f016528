"""The offline data-quality page: one self-contained HTML file from quality.findings.

Great Expectations' Data Docs load their styles and scripts from public CDNs and show a
blank page on a network without internet. This page needs nothing but the file: inline
CSS, no script, no font, image or link to any other address. It shows, per authority,
per file and per check, the severity, the rows (and children) affected and the message of
the latest run, with the trend of the counts over the last runs (an inline SVG and the
numbers). Findings hold no value from the data (orchestration/findings.py), so neither
does the page: it names files, checks, columns and row numbers only.

Written at every run beside the Data Docs (<warehouse-dir>/data_quality.html) by the
quality step and again at the end of the run (the command, the daemon's alert sensors),
and linked from the alert. Plain logic: DuckDB and the standard library only.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

TREND_RUNS = 10  # the runs a trend covers, the latest last
SEVERITY_ORDER = {"ERROR": 0, "WARN": 1, "INFO": 2}
PAGE_MODE = 0o640  # owner and group, as the published warehouse and the reports

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:1.5rem;color:#1b1b1b;max-width:80rem}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:2px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #ccc;padding:.3rem .45rem;text-align:left;vertical-align:top;font-size:.9rem}
th{background:#f0f0f0}td.n{text-align:right}
.ERROR{background:#fde2e1;font-weight:bold}.WARN{background:#fff3cd}.INFO{background:#eef}.gone{color:#666}
.trend span{font-size:.8rem;color:#444;display:block}svg{vertical-align:middle}
.note{color:#444;font-size:.9rem}
"""


@dataclass
class Row:
    """One authority, file, check and column: the latest run's finding and the counts over the runs."""
    la_code: str
    source: str
    check_name: str
    column_name: str
    severity: str | None = None  # in the latest run; None: not found in it
    rows: int | None = None
    subjects: int | None = None
    message: str = ""
    row_numbers: list[int] = field(default_factory=list)
    trend: list[int] = field(default_factory=list)  # one count per run shown, oldest first


def _table_exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(con.execute("select count(*) from duckdb_tables() where database_name = current_database() "
                            "and schema_name = ? and table_name = ?", [schema, table]).fetchone()[0])


def recent_runs(con: duckdb.DuckDBPyConnection, limit: int = TREND_RUNS) -> list[tuple[str, datetime]]:
    """The last `limit` runs (run id, when it started), oldest first: from quality.runs,
    which every run enters (a clean run records no finding), and the findings' own runs."""
    parts = ["select run_id, min(found_at) as started from quality.findings group by run_id"]
    if _table_exists(con, "quality", "runs"):
        parts.append("select run_id, started_at from quality.runs")
    rows = con.execute(
        f"select run_id, min(started) as started from ({' union all '.join(parts)}) group by run_id "
        f"order by started desc limit {int(limit)}").fetchall()
    return list(reversed(rows))


def _count(rows_affected: int | None, findings: int) -> int:
    """What a trend counts: the rows affected, or the findings where no row is named (a missing file)."""
    return int(rows_affected) if rows_affected is not None else int(findings)


def page_rows(con: duckdb.DuckDBPyConnection, runs: list[tuple[str, datetime]]) -> list[Row]:
    """A row per authority, file, check and column found in any of `runs`; the latest run's
    finding (several findings of one key are summed) and the count in each run."""
    ids = [r[0] for r in runs]
    found = con.execute(
        "select run_id, coalesce(la_code, ''), coalesce(source, ''), check_name, coalesce(column_name, ''), "
        "min(case severity when 'ERROR' then 0 when 'WARN' then 1 else 2 end), sum(rows_affected), "
        "sum(subjects_affected), count(*), string_agg(distinct message, ' / '), "
        "list_sort(flatten(list(coalesce(row_numbers, []))))[1:10] "
        "from quality.findings where run_id in (select unnest(?::varchar[])) group by all", [ids]).fetchall()
    severity = {v: k for k, v in SEVERITY_ORDER.items()}
    rows: dict[tuple, Row] = {}
    position = {run_id: i for i, run_id in enumerate(ids)}
    for run_id, la, source, check, column, sev, affected, subjects, n, message, numbers in found:
        row = rows.setdefault((la, source, check, column), Row(la, source, check, column, trend=[0] * len(ids)))
        row.trend[position[run_id]] = _count(affected, n)
        if run_id == ids[-1]:
            row.severity, row.rows, row.subjects = severity[sev], affected, subjects
            row.message, row.row_numbers = message or "", list(numbers or [])
    return sorted(rows.values(), key=lambda r: (r.la_code, SEVERITY_ORDER.get(r.severity or "", 3), r.source,
                                                r.check_name, r.column_name))


def _sparkline(counts: list[int]) -> str:
    """The counts as small bars (inline SVG, each bar titled with its count), oldest first."""
    top = max(counts) or 1
    bars = "".join(
        f'<rect x="{i * 8}" y="{20 - max(1, round(18 * c / top)) if c else 19}" width="6" '
        f'height="{max(1, round(18 * c / top)) if c else 1}" fill="{"#44546a" if c else "#bbb"}">'
        f"<title>{c}</title></rect>" for i, c in enumerate(counts))
    return f'<svg width="{8 * len(counts)}" height="20" role="img" aria-label="trend">{bars}</svg>'


def _row_html(r: Row) -> str:
    e = html.escape
    where = e(r.column_name) if r.column_name else ""
    numbers = ", ".join(str(n) for n in r.row_numbers)
    if r.rows and r.rows > len(r.row_numbers) and numbers:
        numbers += "…"
    latest = (f'<td class="{e(r.severity)}">{e(r.severity)}</td><td class="n">{"" if r.rows is None else r.rows}</td>'
              f'<td class="n">{"" if r.subjects is None else r.subjects}</td><td>{e(numbers)}</td><td>{e(r.message)}</td>'
              if r.severity else '<td class="gone" colspan="5">not found in the latest run</td>')
    trend = " → ".join(str(c) for c in r.trend)
    return (f"<tr><td>{e(r.source)}</td><td>{e(r.check_name)}</td><td>{where}</td>{latest}"
            f'<td class="trend">{_sparkline(r.trend)}<span>{trend}</span></td></tr>')


HEADER = ("<tr><th>file</th><th>check</th><th>column</th><th>severity</th><th>rows</th><th>children</th>"
          "<th>row numbers (first 10)</th><th>message</th><th>trend (rows, oldest → latest run)</th></tr>")


def _authority_html(la: str, rows: list[Row]) -> str:
    """One authority's section: its ERROR and WARN findings (and those of earlier runs no
    longer found), then its INFO notes folded away."""
    e = html.escape
    main = [r for r in rows if r.severity in ("ERROR", "WARN") or (r.severity is None and any(r.trend))]
    info = [r for r in rows if r.severity == "INFO"]
    parts = [f'<h2 id="la-{e(la or "none")}">{e(la) if la else "No single authority"}</h2>']
    if main:
        parts.append(f"<table>{HEADER}{''.join(_row_html(r) for r in main)}</table>")
    else:
        parts.append('<p class="note">No ERROR or WARN finding in the runs shown.</p>')
    if info:
        parts.append(f"<details><summary>{len(info)} INFO notes (recorded, no action needed)</summary>"
                     f"<table>{HEADER}{''.join(_row_html(r) for r in info)}</table></details>")
    return "\n".join(parts)


def _summary_html(by_la: dict[str, list[Row]]) -> str:
    e = html.escape
    lines = ["<table><tr><th>authority</th><th>ERROR</th><th>WARN</th><th>INFO</th><th>latest run</th></tr>"]
    for la, rows in by_la.items():
        n = {s: sum(1 for r in rows if r.severity == s) for s in SEVERITY_ORDER}
        state = ("ERROR: not refreshed, its previous data stays published" if n["ERROR"] and la else
                 "blocks publication" if n["ERROR"] else "WARN findings recorded" if n["WARN"] else "clean")
        lines.append(f'<tr><td><a href="#la-{e(la or "none")}">{e(la) if la else "(none)"}</a></td>'
                     f'<td class="n">{n["ERROR"]}</td><td class="n">{n["WARN"]}</td><td class="n">{n["INFO"]}</td>'
                     f"<td>{state}</td></tr>")
    return "".join(lines) + "</table>"


def render(runs: list[tuple[str, datetime]], rows: list[Row], data_docs: str | None = None) -> str:
    """The page: a summary per authority, then each authority's findings by file and check."""
    e = html.escape
    by_la: dict[str, list[Row]] = {}
    for r in rows:
        by_la.setdefault(r.la_code, []).append(r)
    latest = runs[-1] if runs else None
    run_list = ", ".join(f"{at:%Y-%m-%d %H:%M} ({e(run_id[:8])})" for run_id, at in runs)
    docs = (f' The Great Expectations <a href="{e(data_docs)}">Data Docs</a> show the same checks where their '
            "styles can be fetched from the internet." if data_docs else "")
    body = [
        "<h1>Data quality of the warehouse runs</h1>",
        f'<p class="note">Latest run {e(latest[0]) if latest else "none"}'
        f'{f" started {latest[1]:%Y-%m-%d %H:%M}" if latest else ""}; page written '
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC. Trends cover the last {len(runs)} runs: {run_list}. "
        "ERROR holds back the authority (its previous data stays published) or, without an authority, "
        f"blocks the publication; WARN is recorded and published. No value from the data is shown.{docs}</p>",
        _summary_html(by_la) if by_la else "<p>No findings in the runs shown.</p>",
        *(_authority_html(la, by_la[la]) for la in by_la),
    ]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>Data quality: children's services warehouse</title>"
            f"<style>{CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")


def write_quality_page(con: duckdb.DuckDBPyConnection, path: Path, runs: int = TREND_RUNS) -> Path | None:
    """Write the page from the findings of the database `con` is on (the build file, or a
    published warehouse); None when it has no findings table yet. Atomic: the page is
    written beside and renamed into place."""
    if not _table_exists(con, "quality", "findings"):
        return None
    recent = recent_runs(con, runs)
    docs = path.parent / "data_docs" / "index.html"
    text = render(recent, page_rows(con, recent), "data_docs/index.html" if docs.exists() else None)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.chmod(tmp, PAGE_MODE)
    tmp.replace(path)
    return path


def refresh_quality_page(build_db: Path, path: Path) -> Path | None:
    """Write the page from the build file at the end of a run (read-only); None when the
    build file cannot be read (absent, or still held by a failed step)."""
    try:
        con = duckdb.connect(str(build_db), read_only=True)
    except (duckdb.Error, OSError):
        return None
    try:
        return write_quality_page(con, path)
    except (duckdb.Error, OSError):  # the page never fails a run
        return None
    finally:
        con.close()
