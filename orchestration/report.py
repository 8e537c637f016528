"""The quarterly performance report: one self-contained HTML file per authority and
quarter, in the shape of the Trust's Q2 2018/19 report (seed 003) — the contract summary
by area and status with every measure's value, target, tolerance, status, trend and
comparators, the measures in each status, the operational measures with quarter-on-quarter
and year-on-year comparison (003:71-77), the key exceptions and improvements (003:92-104),
and a page per measure with its last eight quarters as an inline SVG chart against target
and tolerance. Beside it, the same figures as an .xlsx workbook (orchestration.workbook)
from the same `report_data`.

Every figure comes from the published warehouse's `marts.indicator_values_for_sharing`,
where small numbers are already suppressed and the comparators (seed comparators) are
chosen; the report adds no rule of its own.
Quarters are named as the council papers name them: 2018Q2 is Quarter 2 of contract
year 2018/19, 1 July to 30 September 2018.
"""

from __future__ import annotations

import functools
import math
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

import duckdb
from jinja2 import Environment, PackageLoader, Template, select_autoescape

from orchestration.workbook import write_workbook

STATUSES = ["ON TARGET", "IN TOLERANCE", "OUTSIDE TOLERANCE", "NO TARGET SET", "NO VALUE"]
STATUS_LABELS = {
    "ON TARGET": "On or better than target",
    "IN TOLERANCE": "Inside tolerance",
    "OUTSIDE TOLERANCE": "Outside tolerance",
    "NO TARGET SET": "No target specified",
    "NO VALUE": "No value this quarter",
}
STATUS_RANK = {"ON TARGET": 0, "IN TOLERANCE": 1, "OUTSIDE TOLERANCE": 2}  # for "moved" in the exceptions
AREAS = ["social care pathway", "children in care", "youth offending", "family support", "workforce", "finance"]
SUPPRESSED = "*"


class ReportError(ValueError):
    """A report that cannot be made (bad quarter, no data): a message for the user."""


@dataclass(frozen=True)
class Quarter:
    year: int  # first calendar year of the contract year
    number: int  # 1-4, Q1 = April to June

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        m = re.fullmatch(r"\s*(\d{4})\s*-?\s*Q([1-4])\s*", text, flags=re.IGNORECASE)
        if not m:
            raise ReportError(f"quarter {text!r} is not of the form YYYYQn (2018Q2 = July-September 2018)")
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, day: date) -> "Quarter":
        year = day.year if day.month >= 4 else day.year - 1
        return cls(year, (day.month - 4) % 12 // 3 + 1)

    @property
    def start(self) -> date:
        month = 4 + 3 * (self.number - 1)
        return date(self.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)

    def shift(self, quarters: int) -> "Quarter":
        index = self.year * 4 + self.number - 1 + quarters
        return Quarter(index // 4, index % 4 + 1)

    @property
    def code(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def short(self) -> str:
        return f"Q{self.number} {self.year % 100:02d}/{(self.year + 1) % 100:02d}"

    @property
    def title(self) -> str:
        end = self.shift(1).start
        months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"]
        first, last = months[self.start.month - 1], months[(end.month - 2) % 12]
        return f"Quarter {self.number} {self.year}/{(self.year + 1) % 100:02d} ({first} to {last} {end.year if end.month != 1 else end.year - 1})"


def _fmt(value, unit: str | None, suppressed: bool = False) -> str:
    if suppressed:
        return SUPPRESSED
    if value is None:
        return "–"
    if unit == "percent":
        return f"{value:.1f}%"
    if unit == "gbp":
        return f"£{value:,.0f}"
    if unit == "count" or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}" if abs(value) < 10 else f"{value:,.1f}"


# The chart: a small hand-written SVG, well under a millisecond a chart where matplotlib
# took ~90 ms (an authority's report has ~20). Geometry in px of a 640x260 viewBox, which
# the page scales; numbers written to 0.1 px, so the same points give the same bytes.
CHART_W, CHART_H = 640, 260
VALUE_COLOUR, TARGET_COLOUR, TOLERANCE_COLOUR, GRID_COLOUR, AXIS_COLOUR = (
    "#1f4e79", "#2e7d32", "#c62828", "#dddddd", "#444444")
_FONT = 'font-family="Arial, Helvetica, sans-serif"'


def _number(value) -> float | None:
    """A plottable float, or None for a gap (None, NaN or infinite)."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _y_ticks(lo: float, hi: float) -> tuple[list[float], int]:
    """The tightest 'nice' ticks (steps of 1, 2 or 5 times a power of ten), four to eight
    of them where possible, from at or below lo to at or above hi, and the decimals their
    labels need."""
    if hi <= lo:  # a flat series: a band round it; all zero or no value at all: 0 to 1
        pad = abs(lo) * 0.1
        lo, hi = (lo - pad, hi + pad) if pad else (0.0, 1.0)
    best = None
    magnitude = 10 ** math.floor(math.log10((hi - lo) / 5))
    for step in (m * magnitude * f for f in (0.1, 1, 10) for m in (1, 2, 5)):
        first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
        count = last - first + 1
        key = (not 4 <= count <= 8, (last - first) * step, count)
        if best is None or key < best[0]:
            best = (key, step, first, last)
    _, step, first, last = best
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    return [round(k * step, decimals) + 0.0 for k in range(first, last + 1)], decimals


def _runs(ys: list[float | None]) -> list[list[int]]:
    """The indices of each run of consecutive values that are not None."""
    runs: list[list[int]] = []
    for i, y in enumerate(ys):
        if y is None:
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _polyline(css: str, points: list[tuple[float, float]], colour: str, extra: str = "") -> str:
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return (f'<polyline class="{css}" points="{coords}" fill="none" stroke="{colour}" '
            f'stroke-width="1.5" stroke-linejoin="round"{extra}/>')


def _chart(points: list[dict], unit: str) -> str:
    """Inline SVG: the value per quarter with the target and tolerance in force.

    The value is a line with circle markers, broken where a quarter has no value
    (suppressed or missing); the target (dashed) and tolerance (dotted) are step lines
    whose level changes half-way between quarters, drawn only when some quarter has one."""
    n = len(points)
    values = [_number(p["value"]) for p in points]
    lines = [("target", [_number(p["target"]) for p in points], TARGET_COLOUR, ' stroke-dasharray="6 3"'),
             ("tolerance", [_number(p["tolerance"]) for p in points], TOLERANCE_COLOUR,
              ' stroke-dasharray="1.5 3" stroke-linecap="round"')]
    lines = [line for line in lines if any(v is not None for v in line[1])]
    data = [v for v in values if v is not None] + [v for line in lines for v in line[1] if v is not None]
    ticks, decimals = _y_ticks(min(data, default=0.0), max(data, default=0.0))
    tick_labels = [f"{t:,.{decimals}f}" for t in ticks]

    left = 14 + 6.5 * max(len(t) for t in tick_labels) + (16 if unit == "percent" else 0)
    right, top, bottom = CHART_W - 12, 28, CHART_H - 30
    slot = (right - left) / max(n, 1)
    lo, hi = ticks[0], ticks[-1]

    def x(i: float) -> float:
        return left + (i + 0.5) * slot

    def y(v: float) -> float:  # the ticks' range, inset 8 px so no line runs along an axis
        return bottom - 8 - (v - lo) / (hi - lo) * (bottom - top - 16)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{CHART_W}" height="{CHART_H}" '
           f'viewBox="0 0 {CHART_W} {CHART_H}" class="measure-chart">']
    # y axis: grid line, tick and label at each tick; the '%' label for percentages
    for t, label in zip(ticks, tick_labels):
        ty = y(t)
        out.append(f'<line x1="{left:.1f}" y1="{ty:.1f}" x2="{right:.1f}" y2="{ty:.1f}" '
                   f'stroke="{GRID_COLOUR}" stroke-width="1"/>')
        out.append(f'<line x1="{left - 4:.1f}" y1="{ty:.1f}" x2="{left:.1f}" y2="{ty:.1f}" '
                   f'stroke="{AXIS_COLOUR}" stroke-width="1"/>')
        out.append(f'<text class="y-tick" x="{left - 7:.1f}" y="{ty + 4:.1f}" text-anchor="end" {_FONT} '
                   f'font-size="11" fill="#333333">{escape(label)}</text>')
    if unit == "percent":
        cy = (top + bottom) / 2
        out.append(f'<text class="y-label" x="12" y="{cy:.1f}" text-anchor="middle" {_FONT} font-size="11" '
                   f'fill="#333333" transform="rotate(-90 12 {cy:.1f})">%</text>')
    # the axes, and a tick and the quarter's label under each quarter
    out.append(f'<line x1="{left:.1f}" y1="{top:.1f}" x2="{left:.1f}" y2="{bottom:.1f}" '
               f'stroke="{AXIS_COLOUR}" stroke-width="1"/>')
    out.append(f'<line x1="{left:.1f}" y1="{bottom:.1f}" x2="{right:.1f}" y2="{bottom:.1f}" '
               f'stroke="{AXIS_COLOUR}" stroke-width="1"/>')
    for i, p in enumerate(points):
        out.append(f'<line x1="{x(i):.1f}" y1="{bottom:.1f}" x2="{x(i):.1f}" y2="{bottom + 4:.1f}" '
                   f'stroke="{AXIS_COLOUR}" stroke-width="1"/>')
        out.append(f'<text class="x-tick" x="{x(i):.1f}" y="{bottom + 17:.1f}" text-anchor="middle" {_FONT} '
                   f'font-size="11" fill="#333333">{escape(str(p["label"]))}</text>')
    # target and tolerance: each quarter's level across its slot, joined half-way between
    # quarters where the next quarter has one too
    for css, ys, colour, dash in lines:
        for run in _runs(ys):
            path: list[tuple[float, float]] = []
            for i in run:
                path += [(max(x(i - 0.5), left), y(ys[i])), (min(x(i + 0.5), right), y(ys[i]))]
            out.append(_polyline(css, path, colour, dash))
    # the value: a line through each run of quarters with a value, a marker on each
    for run in _runs(values):
        if len(run) > 1:
            out.append(_polyline("value", [(x(i), y(values[i])) for i in run], VALUE_COLOUR))
    for i, v in enumerate(values):
        if v is not None:
            out.append(f'<circle class="marker" cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" fill="{VALUE_COLOUR}"/>')
    entries = [("value", VALUE_COLOUR, "")] + [(css, colour, dash) for css, _, colour, dash in lines]
    out += _legend(entries, right)
    out.append("</svg>")
    return "".join(out)


def _legend(entries: list[tuple[str, str, str]], right: float) -> list[str]:
    """The chart's legend, top right above the plot: a line (and marker) and a name each."""
    out = []
    lx = right - sum(30 + 6 * len(name) + 14 for name, _, _ in entries) + 14
    for name, colour, dash in entries:
        out.append(f'<line x1="{lx:.1f}" y1="12" x2="{lx + 22:.1f}" y2="12" stroke="{colour}" '
                   f'stroke-width="1.5"{dash}/>')
        if name == "value":
            out.append(f'<circle cx="{lx + 11:.1f}" cy="12" r="3.5" fill="{colour}"/>')
        out.append(f'<text class="legend" x="{lx + 27:.1f}" y="16" {_FONT} font-size="10" '
                   f'fill="#333333">{name}</text>')
        lx += 30 + 6 * len(name) + 14
    return out


def _rule_text(rule: str | None, unit: str | None) -> str | None:
    """A target or tolerance rule as printed (">= 92" becomes "≥ 92%")."""
    if not rule:
        return None
    text = rule.replace(">=", "≥").replace("<=", "≤")
    return f"{text}%" if unit == "percent" else text


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> list[dict]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def authorities(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("select distinct la_code from marts.contract_summary "
                                      "where period_type = 'quarter' order by 1").fetchall()]


def latest_quarter(con: duckdb.DuckDBPyConnection) -> Quarter | None:
    row = con.execute("select max(period_start) from marts.contract_summary where period_type = 'quarter'").fetchone()
    return Quarter.of(row[0]) if row and row[0] else None


def comparator_groups(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The comparator groups the warehouse shows (dbt var comparator_groups: a
    comparator_<group> column each), in its order; none in a publication from before."""
    return [r[0].removeprefix("comparator_") for r in con.execute(
        "select column_name from duckdb_columns() where schema_name = 'marts' "
        "and table_name = 'indicator_values_for_sharing' and column_name like 'comparator\\_%' escape '\\' "
        "and column_name not like '%\\_year' escape '\\' order by column_index").fetchall()]


def _group_label(group: str) -> str:
    """A comparator group as the report and the workbook head it ("Statistical neighbours")."""
    return group.replace("_", " ").capitalize()


def _comparators(row: dict, groups: list[str]) -> None:
    """Each group's comparator of a measure, formatted in its unit ('–' when none), and
    the figures as one line for the HTML ("National 82.7% (2017/18)")."""
    row["comparators"] = [{"group": g, "label": _group_label(g),
                           "value": row.get(f"comparator_{g}"), "year": row.get(f"comparator_{g}_year"),
                           "text": _fmt(row.get(f"comparator_{g}"), row["unit"])} for g in groups]
    row["comparator_text"] = "; ".join(f"{c['label']} {c['text']} ({c['year']})"
                                       for c in row["comparators"] if c["value"] is not None)


def _comparator_columns(groups: list[str], alias: str = "v", period_filter: str = "") -> str:
    """The select list of the comparator columns (this quarter's, under period_filter)."""
    names = [f"comparator_{g}" for g in groups] + [f"comparator_{g}_year" for g in groups]
    names.append("comparators_illustrative")
    if period_filter:
        return "".join(f", max({alias}.{n}) filter (where {period_filter}) as {n}" for n in names)
    return "".join(f", {alias}.{n}" for n in names)


def _measure_order(m: dict) -> tuple:
    """Area in the papers' order, then code with its number as a number (A9 before A10)."""
    code = m["contract_code"] or ""
    digits = re.search(r"(\d+)", code)
    area = AREAS.index(m["area"]) if m["area"] in AREAS else len(AREAS)
    return area, re.sub(r"\d.*", "", code), int(digits.group(1)) if digits else 0, code


def _measures(con: duckdb.DuckDBPyConnection, quarter: Quarter, la_code: str, groups: list[str]) -> list[dict]:
    """The contract measures of the quarter, formatted, each with its comparators, the
    previous quarter's value and status, and its eight-quarter chart."""
    start = quarter.start
    history_start = quarter.shift(-7).start
    series = _rows(con, """
        select v.definition_id, v.period_start, v.value, v.target, v.tolerance, v.is_suppressed, v.status
        from marts.indicator_values_for_sharing v
        where v.la_code = ? and v.period_type = 'quarter' and v.period_start between ? and ?
        order by v.period_start""", [la_code, history_start, start])
    by_definition: dict[str, list[dict]] = {}
    for r in series:
        by_definition.setdefault(r["definition_id"], []).append(r)

    measures = _rows(con, f"""
        select v.contract_code, v.definition_id, v.area, v.unit, v.polarity, v.value, v.numerator,
               v.denominator, v.target, v.tolerance, v.target_rule, v.tolerance_rule, v.status, v.trend,
               v.is_suppressed, v.basket, v.target_note, v.definition_source, v.target_source,
               d.name, d.numerator as numerator_text, d.denominator as denominator_text{_comparator_columns(groups)}
        from marts.indicator_values_for_sharing v
        join marts.indicator_definitions d using (definition_id)
        where v.la_code = ? and v.period_type = 'quarter' and v.period_start = ? and v.is_contract_measure""",
        [la_code, start])
    measures.sort(key=_measure_order)
    for m in measures:
        m["value_text"] = _fmt(m["value"], m["unit"], m["is_suppressed"])
        m["numerator_fmt"] = _fmt(m["numerator"], None if m["unit"] != "count" else "count", m["is_suppressed"])
        m["denominator_fmt"] = _fmt(m["denominator"], None, m["is_suppressed"])
        m["target_text"] = _rule_text(m["target_rule"], m["unit"]) or "none set"
        m["tolerance_text"] = _rule_text(m["tolerance_rule"], m["unit"]) or "–"
        _comparators(m, groups)
        points = {r["period_start"]: r for r in by_definition.get(m["definition_id"], [])}
        previous = points.get(quarter.shift(-1).start)
        m["previous_value"] = previous["value"] if previous else None
        m["previous_suppressed"] = bool(previous and previous["is_suppressed"])
        m["previous_text"] = _fmt(m["previous_value"], m["unit"], m["previous_suppressed"])
        m["previous_status"] = previous["status"] if previous else None
        m["chart"] = _chart([
            {"label": quarter.shift(i).short,
             "value": None if (p := points.get(quarter.shift(i).start)) is None or p["is_suppressed"] else p["value"],
             "target": p["target"] if p else None,
             "tolerance": p["tolerance"] if p else None}
            for i in range(-7, 1)
        ], m["unit"])
    return measures


def _exceptions(measures: list[dict]) -> tuple[list[dict], list[dict]]:
    """Seed 003 section 4, "Key exceptions and improvements": the exceptions are the
    measures outside tolerance, those whose status is worse than last quarter's and those
    with a declining trend; the improvements, those whose status is better than last
    quarter's or whose trend is improving. Each with the reasons it is listed."""
    exceptions, improvements = [], []
    for m in measures:
        now, before = STATUS_RANK.get(m["status"]), STATUS_RANK.get(m["previous_status"])
        moved = f"{(m['previous_status'] or '').lower()} last quarter, {(m['status'] or '').lower()} now"
        worse = [r for r, hit in [
            ("outside tolerance", m["status"] == "OUTSIDE TOLERANCE"),
            (moved, now is not None and before is not None and now > before),
            ("declining trend", m["trend"] == "declining")] if hit]
        better = [r for r, hit in [
            (moved, now is not None and before is not None and now < before),
            ("improving trend", m["trend"] == "improving")] if hit]
        if worse:
            exceptions.append({**m, "reasons": worse})
        elif better:
            improvements.append({**m, "reasons": better})
    return exceptions, improvements


def _operational(con: duckdb.DuckDBPyConnection, quarter: Quarter, la_code: str, groups: list[str]) -> list[dict]:
    """The operational measures (no polarity) in seed 003's columns (003:71): this
    quarter, the same quarter a year before, the previous quarter; with comparators."""
    start, last_year, previous = quarter.start, quarter.shift(-4).start, quarter.shift(-1).start
    operational = _rows(con, f"""
        select d.name, v.definition_id, v.unit,
               max(v.value) filter (where v.period_start = $this) as this_quarter,
               bool_or(v.is_suppressed) filter (where v.period_start = $this) as this_suppressed,
               max(v.value) filter (where v.period_start = $last_year) as last_year,
               bool_or(v.is_suppressed) filter (where v.period_start = $last_year) as last_year_suppressed,
               max(v.value) filter (where v.period_start = $previous) as previous_quarter,
               bool_or(v.is_suppressed) filter (where v.period_start = $previous) as previous_suppressed
               {_comparator_columns(groups, period_filter="v.period_start = $this")}
        from marts.indicator_values_for_sharing v
        join marts.indicator_definitions d using (definition_id)
        where v.la_code = $la and v.period_type = 'quarter' and d.polarity = 'none'
        group by all having count(*) filter (where v.period_start = $this) > 0
        order by d.name""", {"this": start, "last_year": last_year, "previous": previous, "la": la_code})
    for o in operational:
        o["figures"] = [(o["this_quarter"], o["this_suppressed"]), (o["last_year"], o["last_year_suppressed"]),
                        (o["previous_quarter"], o["previous_suppressed"])]
        o["cells"] = [_fmt(value, o["unit"], hidden) for value, hidden in o["figures"]]
        _comparators(o, groups)
    return operational


def _staleness(con: duckdb.DuckDBPyConnection, la_code: str) -> dict | None:
    """For an authority held back by an ERROR in its latest data: what the report shows is
    its last good load, and when that was published (meta.authority_status)."""
    try:
        row = con.execute("select status, data_published_at from meta.authority_status where la_code = ?",
                          [la_code]).fetchone()
    except duckdb.CatalogException:  # a publication from before authority status was kept
        return None
    if row is None or row[0] == "current":
        return None
    return {"status": row[0], "since": row[1]}


def _summary(con: duckdb.DuckDBPyConnection, quarter: Quarter, la_code: str) -> tuple[list[dict], dict]:
    """The contract summary (seed 003, 2.2): a row per area and the total, the count in
    each status (counts, and cells as printed), and the shares of the total."""
    summary = _rows(con, "select area, status, measures, contract_year from marts.contract_summary "
                         "where la_code = ? and period_type = 'quarter' and period_start = ?", [la_code, quarter.start])
    if not summary:
        raise ReportError(f"no contract measures for {la_code} in {quarter.code} in the published warehouse")
    counts = {(r["area"], r["status"]): r["measures"] for r in summary}
    areas = [a for a in AREAS if any(k[0] == a for k in counts)]
    table = []
    for area in areas + ["all"]:
        row = {"area": "Total" if area == "all" else area.capitalize(), "counts": [], "cells": []}
        total = sum(counts.get((area, s), 0) for s in STATUSES)
        for s in STATUSES:
            n = counts.get((area, s), 0)
            row["counts"].append(n)
            row["cells"].append(f"{n} ({100 * n / total:.0f}%)" if area == "all" and total else str(n))
        table.append(row)
    total = sum(table[-1]["counts"])  # the last row is area "all"
    on_target = counts.get(("all", "ON TARGET"), 0)
    within = on_target + counts.get(("all", "IN TOLERANCE"), 0)
    shares = {"total": total, "on_target": on_target, "within": within,
              "on_target_percent": round(100 * on_target / total) if total else 0,
              "within_percent": round(100 * within / total) if total else 0}
    return table, shares


def report_data(con: duckdb.DuckDBPyConnection, quarter: Quarter, la_code: str) -> dict:
    """Everything the report and the workbook print, formatted once: both read this."""
    table, shares = _summary(con, quarter, la_code)
    groups = comparator_groups(con)
    measures = _measures(con, quarter, la_code, groups)
    by_status = {s: [m for m in measures if m["status"] == s] for s in STATUSES[:-1]}
    exceptions, improvements = _exceptions(measures)
    operational = _operational(con, quarter, la_code, groups)
    published = con.execute("select published_at from meta.publication").fetchone()
    return {
        "stale": _staleness(con, la_code),
        "la_code": la_code,
        "quarter": quarter,
        "statuses": [STATUS_LABELS[s] for s in STATUSES],
        "summary": table,
        "shares": shares,
        "total_measures": shares["total"],
        "baskets": sorted({m["basket"] for m in measures if m["basket"]}),
        "unpublished_targets": [m for m in measures if m["status"] == "NO TARGET SET"],
        "by_status": [(STATUS_LABELS[s], ms) for s, ms in by_status.items()],
        "measures": measures,
        "exceptions": exceptions,
        "improvements": improvements,
        "operational": operational,
        "comparator_groups": [_group_label(g) for g in groups],
        "illustrative_comparators": any(r.get("comparators_illustrative") for r in measures + operational
                                        if r.get("comparator_text")),
        "previous_label": quarter.shift(-1).short,
        "last_year_label": quarter.shift(-4).short,
        "published_at": published[0] if published else None,
        "suppressed_mark": SUPPRESSED,
    }


@functools.cache
def _template() -> Template:
    """The report's template, compiled once a process: compiling it for every authority
    was two thirds of the time rendering took (150 authorities, 4 December 2026)."""
    env = Environment(loader=PackageLoader("orchestration", "templates"), autoescape=select_autoescape(["html"]))
    return env.get_template("quarterly_report.html")


def render(data: dict) -> str:
    return _template().render(**data)


def _write(path: Path, write) -> Path:
    """Write a file through a temporary beside it, owner and group only (as the
    published warehouse), renamed into place: a reader never sees half a file."""
    tmp = path.with_name(path.name + ".tmp")
    write(tmp)
    os.chmod(tmp, 0o640)
    tmp.replace(path)
    return path


def build_reports(published_db: Path, out_dir: Path, quarter: Quarter | None = None,
                  la_code: str | None = None) -> list[Path]:
    """Write the report of `quarter` (default: the latest in the warehouse) for `la_code`
    (default: every authority): the HTML report and the workbook (.xlsx) of each
    authority, from the same report_data. Returns the files written."""
    if not published_db.exists():
        raise ReportError(f"no published warehouse at {published_db}: run csc-warehouse run first")
    con = duckdb.connect(str(published_db), read_only=True)
    try:
        quarter = quarter or latest_quarter(con)
        if quarter is None:
            raise ReportError("the published warehouse has no quarterly contract measures")
        codes = authorities(con)
        if la_code is not None:
            if la_code not in codes:
                raise ReportError(f"authority {la_code!r} is not in the published warehouse")
            codes = [la_code]
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for code in codes:
            data = report_data(con, quarter, code)
            stem = out_dir / f"quarterly_report_{code}_{quarter.code}"
            html = render(data)
            written.append(_write(stem.with_suffix(".html"), lambda tmp: tmp.write_text(html, encoding="utf-8")))
            written.append(_write(stem.with_suffix(".xlsx"), lambda tmp: write_workbook(data, tmp)))
        return written
    finally:
        con.close()
