"""The quarterly scorecard as an .xlsx workbook, beside the HTML report: the sheets a
performance officer pastes into council papers (seed 003) — the contract summary by
area and status, every contract measure with its value, target, tolerance, status, trend
and comparators, the operational measures, and the key exceptions and improvements.

It writes what orchestration.report.report_data holds, so small numbers are suppressed
exactly as in the HTML (the `*` of the warehouse's is_suppressed, never recomputed here).
Cells are values: numbers are numbers with a number format in the measure's unit, text
is text. No cell is a formula: text from the data that starts with "=" is stored as text.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FILL = PatternFill("solid", fgColor="E8EEF5")
STATUS_FILLS = {"ON TARGET": "D8EED9", "IN TOLERANCE": "FFF1C7", "OUTSIDE TOLERANCE": "F7D4D4",
                "NO TARGET SET": "E6E6E6"}
ILLUSTRATIVE = "illustrative, not DfE figures"


def number_format(value, unit: str | None) -> str:
    """The number format showing a value as the HTML report writes it (86.0%, £1,200, 1,075)."""
    if unit == "percent":
        return '0.0"%"'
    if unit == "gbp":
        return '"£"#,##0'
    if unit == "count" or value is None or float(value).is_integer():
        return "#,##0"
    return "#,##0.00" if abs(value) < 10 else "#,##0.0"


def put(ws, row: int, column: int, value, fmt: str | None = None):
    """One cell: a number as a float with its format, text as text (never a formula),
    None as an empty cell."""
    cell = ws.cell(row=row, column=column)
    if value is None:
        return cell
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        cell.value = value if isinstance(value, int) else float(value)
        if fmt:
            cell.number_format = fmt
    else:
        cell.value = str(value)
        cell.data_type = "s"  # openpyxl takes text starting with "=" for a formula: keep it text
    return cell


def figure(ws, row: int, column: int, value, unit: str | None, suppressed: bool, mark: str):
    """A measure's figure: the suppression mark where the warehouse suppressed it, else
    the number in its unit's format."""
    if suppressed:
        return put(ws, row, column, mark)
    return put(ws, row, column, value, number_format(value, unit))


def header(ws, row: int, names: list[str]) -> None:
    for column, name in enumerate(names, start=1):
        cell = put(ws, row, column, name)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def widths(ws, sizes: list[int]) -> None:
    for column, size in enumerate(sizes, start=1):
        ws.column_dimensions[get_column_letter(column)].width = size


def summary_sheet(ws, data: dict) -> None:
    """Title, provenance and the contract summary: counts by area and status, and the
    total's shares."""
    quarter = data["quarter"]
    title = put(ws, 1, 1, f"Quarterly Performance Report – {quarter.title} – {data['la_code']}")
    title.font = Font(bold=True, size=14)
    published = data["published_at"]
    put(ws, 2, 1, "From the published performance warehouse" + (
        f", published {published:%d %B %Y %H:%M} UTC" if published else "") + ".")
    put(ws, 3, 1, f"Figures built on 1 to 5 children are suppressed and shown as {data['suppressed_mark']}.")
    if data["stale"]:
        put(ws, 4, 1, f"Not current: the latest extracts of {data['la_code']} failed the quality checks; "
                      "these figures are from its last good load.")
    if data["illustrative_comparators"]:
        put(ws, 5, 1, f"Comparators marked † are {ILLUSTRATIVE} (seed comparators).")
    header(ws, 7, ["Area", *data["statuses"], "Measures"])
    for i, row in enumerate(data["summary"], start=8):
        put(ws, i, 1, row["area"]).font = Font(bold=True)
        for j, n in enumerate(row["counts"], start=2):
            put(ws, i, j, n, "#,##0")
        put(ws, i, len(row["counts"]) + 2, sum(row["counts"]), "#,##0")
    total = data["summary"][-1]["counts"]
    share_row = 8 + len(data["summary"])
    put(ws, share_row, 1, "Share of the total").font = Font(italic=True)
    for j, n in enumerate(total, start=2):
        put(ws, share_row, j, n / sum(total) if sum(total) else 0, "0%")
    shares = data["shares"]
    put(ws, share_row + 2, 1, f"{shares['within']} of {shares['total']} measures ({shares['within_percent']}%) are "
                              f"within tolerance or better; {shares['on_target']} ({shares['on_target_percent']}%) "
                              "on or better than target.")
    widths(ws, [26] + [16] * (len(data["statuses"]) + 1))


def comparator_names(data: dict) -> list[str]:
    return [n for label in data["comparator_groups"] for n in (label, f"{label} year")]


def comparator_cells(ws, row: int, column: int, item: dict) -> int:
    """A measure's comparators from `column`: value and year per group; the next column."""
    mark = " †" if item.get("comparators_illustrative") else ""
    for c in item.get("comparators", []):
        put(ws, row, column, c["value"], number_format(c["value"], item["unit"]))
        put(ws, row, column + 1, f"{c['year']}{mark}" if c["value"] is not None else None)
        column += 2
    return column


def measures_sheet(ws, data: dict) -> None:
    """Every contract measure of the quarter, in the report's order."""
    header(ws, 1, ["Area", "Code", "Measure", "Value", "Numerator", "Denominator", "Target", "Tolerance", "Status",
                   "Trend", f"Previous quarter ({data['previous_label']})", *comparator_names(data), "Definition",
                   "Basket"])
    mark = data["suppressed_mark"]
    for i, m in enumerate(data["measures"], start=2):
        put(ws, i, 1, m["area"])
        put(ws, i, 2, m["contract_code"])
        put(ws, i, 3, m["name"])
        figure(ws, i, 4, m["value"], m["unit"], m["is_suppressed"], mark)
        figure(ws, i, 5, m["numerator"], "count" if m["unit"] == "count" else None, m["is_suppressed"], mark)
        figure(ws, i, 6, m["denominator"], None, m["is_suppressed"], mark)
        put(ws, i, 7, m["target_text"])
        put(ws, i, 8, m["tolerance_text"])
        status = put(ws, i, 9, m["status"] or "NO VALUE")
        if m["status"] in STATUS_FILLS:
            status.fill = PatternFill("solid", fgColor=STATUS_FILLS[m["status"]])
        put(ws, i, 10, m["trend"])
        figure(ws, i, 11, m["previous_value"], m["unit"], m["previous_suppressed"], mark)
        column = comparator_cells(ws, i, 12, m)
        put(ws, i, column, m["definition_id"])
        put(ws, i, column + 1, m["basket"])
    ws.freeze_panes = "D2"
    widths(ws, [18, 7, 48, 11, 11, 12, 11, 11, 18, 11, 13] + [11] * 2 * len(data["comparator_groups"]) + [12, 10])


def operational_sheet(ws, data: dict) -> None:
    """The operational measures (seed 003:71): this quarter, a year before, last quarter."""
    header(ws, 1, ["Measure", data["quarter"].short, data["last_year_label"], data["previous_label"],
                   *comparator_names(data)])
    for i, o in enumerate(data["operational"], start=2):
        put(ws, i, 1, o["name"])
        for j, (value, hidden) in enumerate(o["figures"], start=2):
            figure(ws, i, j, value, o["unit"], hidden, data["suppressed_mark"])
        comparator_cells(ws, i, 5, o)
    ws.freeze_panes = "B2"
    widths(ws, [60, 11, 11, 11] + [11] * 2 * len(data["comparator_groups"]))


def exceptions_sheet(ws, data: dict) -> None:
    """Key exceptions and improvements (seed 003 section 4), with why each is listed."""
    header(ws, 1, ["Kind", "Code", "Measure", "Why listed", "Value", f"Previous quarter ({data['previous_label']})",
                   "Status", "Trend"])
    rows = [("Exception", m) for m in data["exceptions"]] + [("Improvement", m) for m in data["improvements"]]
    for i, (kind, m) in enumerate(rows, start=2):
        put(ws, i, 1, kind)
        put(ws, i, 2, m["contract_code"])
        put(ws, i, 3, m["name"])
        put(ws, i, 4, "; ".join(m["reasons"]))
        figure(ws, i, 5, m["value"], m["unit"], m["is_suppressed"], data["suppressed_mark"])
        figure(ws, i, 6, m["previous_value"], m["unit"], m["previous_suppressed"], data["suppressed_mark"])
        put(ws, i, 7, m["status"] or "NO VALUE")
        put(ws, i, 8, m["trend"])
    widths(ws, [12, 7, 48, 40, 11, 13, 18, 11])


def write_workbook(data: dict, path: Path) -> None:
    """The workbook of one authority and quarter from report_data's `data`."""
    book = Workbook()
    summary_sheet(book.active, data)
    book.active.title = "Summary"
    measures_sheet(book.create_sheet("Measures"), data)
    operational_sheet(book.create_sheet("Operational"), data)
    exceptions_sheet(book.create_sheet("Exceptions"), data)
    book.save(path)
