"""Finance: placement unit costs, the care ladder budget, the monthly ledger and the balance sheet.

Placement spend is the children in each care-ladder category (from the SSDA903 episodes and
special guardianship orders) priced by the weekly unit costs; staffing spend follows the
filled establishment (from the workforce family) against the funded one.
"""

from __future__ import annotations

import pathlib
from datetime import date

import numpy as np

from orchestration.demo_data.core import NA, Authority, dn, fmt_dates, fy_label, fy_starts, money, to_date

HEADERS: dict[str, list[str]] = {
    "finance/ledger.csv": ["month", "cost_centre", "service_area", "category", "funding_stream", "budget", "actual",
                           "forecast_outturn"],
    "finance/care_ladder_budget.csv": ["financial_year", "placement_category", "budgeted_children",
                                       "budget_amount"],
    "finance/placement_unit_costs.csv": ["placement_category", "valid_from", "weekly_cost"],
    "finance/balance_sheet.csv": ["month_end", "cash", "current_assets", "current_liabilities"],
}

_CATEGORIES = ["out_of_authority_residential", "internal_residential", "independent_fostering_agency",
               "in_house_fostering", "special_guardianship_order", "other"]
_BASE_WEEKLY_COST = np.array([2650.0, 2240.0, 650.0, 310.0, 112.0, 257.0])  # 2015/16, by category
_COST_GROWTH = np.array([1.05, 1.03, 1.025, 1.02, 1.02, 1.025])  # a year
# placement cost centres: (cost centre, service area, category, care-ladder categories)
_PLACEMENT_CENTRES = [("CC110", "Children in care", "placements", [0, 1]),
                      ("CC120", "Children in care", "placements", [2, 3]),
                      ("CC130", "Permanence", "placements", [4]),
                      ("CC140", "Children in care", "placements", [5])]
_STAFFING_CENTRES = (("CC210", "Assessment and child protection", 0.24),
                     ("CC220", "Children in need and protection", 0.30),
                     ("CC230", "Children in care and leaving care", 0.26),
                     ("CC240", "Family support and youth offending", 0.20))
_OTHER_CENTRES = (("CC310", "Business support and overheads", 0.6),
                  ("CC320", "Premises and transport", 0.4))


def write(la: Authority, out: pathlib.Path) -> None:
    """placement_unit_costs, care_ladder_budget, ledger and balance_sheet, month by month from start to end."""
    months, m_start, m_end = la.months()
    lo, hi = int(m_start[0]), int(m_end[-1])
    fys = fy_starts(la.D0, la.D1)
    fy_year = np.array([to_date(f).year for f in fys])
    fy_of_month = np.searchsorted(np.array(fys), m_start, "right") - 1
    daily = _children_by_category(la, lo, hi)
    cost = _write_unit_costs(la, out, fys, fy_year)
    month_cost = _placement_cost(la, daily, cost, fys, lo, hi, m_start)
    fy_budget_place = _write_care_ladder(la, out, fys, daily, cost, lo, hi)
    lines = _core_contract_lines(la, fys, fy_year[fy_of_month], fy_of_month, m_start, month_cost, fy_budget_place)
    lines += _additional_streams(la, fy_year[fy_of_month])
    _write_ledger(la, out, lines, fys, fy_of_month, months, m_start)
    _write_balance_sheet(la, out, lines, m_start, m_end)


def _children_by_category(la: Authority, lo: int, hi: int) -> np.ndarray:
    """Children in care (not on short breaks) in each care-ladder category on each day from lo to hi,
    and children on special guardianship orders (allowances) to their 18th birthday."""
    E, R, C = la.E, la.R, la.C
    place, prov = E["place"], E["prov"]
    cat = np.select(
        [np.isin(place, ["K2", "K1", "S1", "R1"]) & (prov != "PR1"), np.isin(place, ["K2", "K1"]) & (prov == "PR1"),
         np.char.startswith(place.astype(str), "U") & (prov != "PR1"), np.char.startswith(place.astype(str), "U")],
        [0, 1, 2, 3], 5)
    cla = ~np.isin(E["ls"], ["V3", "V4"])
    daily = np.zeros((len(_CATEGORIES), hi - lo + 1))
    for c in range(len(_CATEGORIES)):
        m = cla & (cat == c)
        a = np.clip(E["decom"][m], lo, hi) - lo
        b = np.clip(E["dec"][m], lo, hi) - lo
        np.add.at(daily[c], a, 1)
        np.add.at(daily[c], b, -1)
    sgo = np.isin(R["rec"], ["E45", "E46"])
    a = np.clip(R["exit"][sgo], lo, hi) - lo
    b = np.clip(C.b18[R["child"][sgo]], lo, hi) - lo
    np.add.at(daily[4], a, 1)
    np.add.at(daily[4], b, -1)
    return np.cumsum(daily, axis=1)[:, : hi - lo]


def _write_unit_costs(la: Authority, out: pathlib.Path, fys: list[int], fy_year: np.ndarray) -> np.ndarray:
    """Weekly unit costs from April each year; returns them (financial year x category)."""
    cost = _BASE_WEEKLY_COST[None, :] * _COST_GROWTH[None, :] ** (fy_year[:, None] - 2015)
    cost = np.round(cost, 0)
    la.write(out, HEADERS, "finance/placement_unit_costs.csv", [
        [c for _ in fys for c in _CATEGORIES], [d for f in fmt_dates(fys) for d in [f] * len(_CATEGORIES)],
        money(cost.ravel())])
    return cost


def _placement_cost(la: Authority, daily, cost, fys: list[int], lo: int, hi: int, m_start) -> np.ndarray:
    """Spend per category per month: child-days priced at the year's weekly cost, with a little noise."""
    day_fy = np.searchsorted(np.array(fys), np.arange(lo, hi), "right") - 1
    day_cost = daily * cost[day_fy].T / 7.0  # per category per day
    m_idx = np.searchsorted(m_start, np.arange(lo, hi), "right") - 1
    month_cost = np.zeros((len(_CATEGORIES), len(m_start)))
    for c in range(len(_CATEGORIES)):
        month_cost[c] = np.bincount(m_idx, weights=day_cost[c], minlength=len(m_start))
    month_cost *= 1 + la.rng.normal(0, 0.015, month_cost.shape)
    return month_cost


def _write_care_ladder(la: Authority, out: pathlib.Path, fys, daily, cost, lo: int, hi: int) -> dict:
    """Budgeted children = 86-92% of those in each category at the start of the year; returns the budget
    amounts by financial year."""
    ladder_rows = []
    fy_budget_place = {}
    for fi, f in enumerate(fys):
        k = min(max(f, lo), hi - 1) - lo
        bud_children = np.round(daily[:, k] * la.rng.uniform(0.86, 0.92, len(_CATEGORIES)))
        amount = bud_children * cost[fi] * 52.14
        fy_budget_place[f] = amount
        for c in range(len(_CATEGORIES)):
            ladder_rows.append((fy_label(f), _CATEGORIES[c], bud_children[c], amount[c]))
    la.write(out, HEADERS, "finance/care_ladder_budget.csv", [
        [x[0] for x in ladder_rows], [x[1] for x in ladder_rows], [f"{x[2]:.0f}" for x in ladder_rows],
        money([x[3] for x in ladder_rows])])
    return fy_budget_place


def _staff_factor(la: Authority, m_start) -> np.ndarray:
    """Staffing cost factor each month: filled FTE (agency at a premium) over the establishment."""
    W = la.W
    est = np.array([sum(1.0 for p in la.posts if p[5] <= d and (p[6] == NA or p[6] >= d)) for d in m_start])
    fte_in = np.zeros(len(m_start))
    ag_in = np.zeros(len(m_start))
    for k, d in enumerate(m_start.tolist()):
        act = (W["start"] <= d) & (W["end"] >= d)
        fte_in[k] = W["fte"][act & ~W["agency"]].sum()
        ag_in[k] = W["fte"][act & W["agency"]].sum()
    return (fte_in + 1.4 * ag_in) / np.maximum(est, 1) + 0.01


def _core_contract_lines(la: Authority, fys, yrs, fy_of_month, m_start, month_cost, fy_budget_place) -> list:
    """Ledger lines of the annual contract: (cost centre, service area, category, stream, monthly budget,
    monthly actual). Placements overspend while staffing underspends through vacancies."""
    rng, s = la.rng, la.scale
    nm = len(m_start)
    staff_factor = _staff_factor(la, m_start)
    lines = []

    def fy_share(values_by_fy):
        return np.array([values_by_fy[fys[i]] for i in fy_of_month]) / 12.0

    for cc, area, catg, cs in _PLACEMENT_CENTRES:
        bud = fy_share({f: fy_budget_place[f][cs].sum() for f in fys})
        act = month_cost[cs].sum(axis=0)
        lines.append((cc, area, catg, "core contract", bud, act))
    staffing_total = 20.5e6 * s * 1.02 ** (yrs - 2015)
    for cc, area, share in _STAFFING_CENTRES:
        bud = staffing_total * share / 12
        act = bud * staff_factor * (1 + rng.normal(0, 0.01, nm))
        lines.append((cc, area, "staffing", "core contract", bud, act))
    other_total = 2.9e6 * s * 0.99 ** (yrs - 2015)
    for cc, area, share in _OTHER_CENTRES:
        bud = other_total * share / 12
        act = bud * rng.uniform(0.62, 0.78, nm)
        lines.append((cc, area, "other_expenditure", "core contract", bud, act))
    core_exp_budget = sum(line[4] for line in lines)
    inc_bud = core_exp_budget
    inc_act = inc_bud * (1.004 + rng.normal(0, 0.002, nm))
    lines.append(("CC410", "Contract and grant income", "income", "core contract", inc_bud, inc_act))
    return lines


def _additional_streams(la: Authority, y0) -> list:
    """Funding streams additional to the annual contract; Capital 2017/18 has spending with no budget line
    (budget -1: written blank)."""
    rng, s = la.rng, la.scale
    nm = len(y0)
    lines = []
    innov = (y0 >= 2014) & (y0 <= 2016)
    bud = np.where(innov, 1.5e6 * s / 12, np.nan)
    lines.append(("CC510", "Innovation programme", "other_expenditure", "Innovation Fund", bud,
                  bud * rng.uniform(0.85, 1.0, nm)))
    bud = np.full(nm, 0.6e6 * s / 12)
    lines.append(("CC520", "Stronger families", "staffing", "Troubled Families", bud,
                  bud * rng.uniform(0.9, 1.1, nm)))
    cap_years = (y0 >= 2015) & (y0 <= 2017)
    cap_bud = np.where((y0 == 2015) | (y0 == 2016), 0.4e6 * s / 12, 0.0)
    cap_act = np.where(cap_years, 0.4e6 * s / 12 * rng.uniform(0.4, 1.3, nm), np.nan)
    lines.append(("CC530", "Capital programme", "other_expenditure", "Capital",
                  np.where(cap_years & (y0 != 2017), cap_bud, np.where(cap_years, -1.0, np.nan)), cap_act))
    return lines


def _forecast(rng, act, present, fy_of_month, fys, months) -> np.ndarray:
    """Forecast outturn each month: the year to date plus the last three months' run rate for the rest.
    Months of the year before the first month in the extract count at the first month's spend."""
    fc = np.zeros(len(months))
    for fi in np.unique(fy_of_month):
        mm = np.flatnonzero((fy_of_month == fi) & present)
        if not len(mm):
            continue
        first_m = int(np.datetime64(to_date(fys[fi]), "M").astype(np.int64))
        before = int(months[mm[0]].astype(np.int64)) - first_m
        for j, k in enumerate(mm.tolist()):
            done = before + j + 1
            ytd = act[mm[: j + 1]].sum() + before * act[mm[0]]
            run = act[mm[max(0, j - 2): j + 1]].mean()
            fc[k] = ytd + (12 - done) * run * (1 + rng.normal(0, 0.004))
    return fc


def _write_ledger(la: Authority, out: pathlib.Path, lines, fys, fy_of_month, months, m_start) -> None:
    rows = []
    for cc, area, catg, stream, bud, act in lines:
        bud = np.asarray(bud, float) * np.ones(len(months))
        act = np.asarray(act, float) * np.ones(len(months))
        present = ~np.isnan(act)
        fc = _forecast(la.rng, act, present, fy_of_month, fys, months)
        for k in np.flatnonzero(present).tolist():
            b = bud[k]
            rows.append((k, cc, area, catg, stream, "" if b < 0 else f"{b:.2f}", f"{act[k]:.2f}", f"{fc[k]:.2f}"))
    rows.sort(key=lambda x: (x[0], x[1], x[4]))
    mlabels = fmt_dates(m_start)
    la.write(out, HEADERS, "finance/ledger.csv", [
        [mlabels[x[0]] for x in rows], [x[1] for x in rows], [x[2] for x in rows], [x[3] for x in rows],
        [x[4] for x in rows], [x[5] for x in rows], [x[6] for x in rows], [x[7] for x in rows]])


def _write_balance_sheet(la: Authority, out: pathlib.Path, lines, m_start, m_end) -> None:
    """Liquidity falls from ~50 to ~33 days of spend as the overspend bites."""
    rng = la.rng
    nm = len(m_start)
    spend = sum(np.nan_to_num(np.asarray(line[5], float)) for line in lines if line[2] != "income")
    daily_spend = spend / 30.4
    days_cash = np.interp(m_start, [dn(date(2011, 4, 1)), dn(date(2015, 4, 1)), dn(date(2019, 3, 31))],
                          [52, 46, 34]) + rng.normal(0, 3, nm)
    cash = daily_spend * days_cash
    assets = cash + spend * rng.uniform(0.9, 1.3, nm)
    ratio = np.interp(m_start, [dn(date(2011, 4, 1)), dn(date(2019, 3, 31))], [1.9, 1.35]) + rng.normal(
        0, 0.08, nm)
    liab = assets / ratio
    la.write(out, HEADERS, "finance/balance_sheet.csv", [
        fmt_dates(m_end - 1), money(cash), money(assets), money(liab)])
