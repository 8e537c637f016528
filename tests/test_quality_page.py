"""The offline data-quality page (issue 16): one self-contained HTML file from
quality.findings, per authority, file and check, with the trend over the last runs."""

import re

from orchestration.alerts import compose
from orchestration.cli import EXIT_OK, main
from orchestration.findings import ERROR, Finding
from tests.rawdata import write_family, write_table

CHILDREN = [{"child_id": f"IDCHILD{i}", "sex": "F", "birth_date": "2012-03-04"} for i in range(3)]
REFERRALS = [
    {"referral_id": "IDREF1", "child_id": "IDCHILD0", "referral_date": "2016-01-05", "referral_nfa": "N"},
    {"referral_id": "IDREF2", "child_id": "IDCHILD1", "referral_date": "2016-02-05", "referral_nfa": "N"},
]


def section(page: str, la: str) -> str:
    """One authority's part of the page: from its heading to the next."""
    start = page.index(f'<h2 id="la-{la}">')
    end = page.find("<h2", start + 1)
    return page[start:end if end > 0 else len(page)]


def test_the_page_shows_a_faulty_authority_by_file_and_check_with_its_trend_and_works_offline(tmp_path, capsys):
    raw, wh = tmp_path / "raw", tmp_path / "wh"
    write_family(raw, "GUD", "case", {"children": CHILDREN, "referrals": REFERRALS})
    # BAD's referrals.csv repeats IDREF1 once (rows 1 and 3: 2 rows break "keys unique"):
    # an ERROR that holds BAD back while GUD is published
    write_family(raw, "BAD", "case", {"children": CHILDREN, "referrals": REFERRALS + [dict(REFERRALS[0])]})
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_OK
    page_path = wh / "data_quality.html"
    assert page_path.exists()
    assert str(page_path) in capsys.readouterr().out  # the run summary names the page
    # the next night BAD repeats IDREF1 twice and IDREF2 once: 5 rows break the key
    write_table(raw, "BAD", "referrals", REFERRALS * 2 + [dict(REFERRALS[0])])
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"data quality     {page_path}" in out
    page = page_path.read_text(encoding="utf-8")

    # self-contained: no address to fetch, no script, no stylesheet or font to load
    assert not re.search(r"https?://", page)
    assert "<script" not in page.lower() and "<link" not in page.lower() and "@import" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(//|[a-z]+:)""", page, re.I)
    # no identifier or date from the data
    for value in ("IDCHILD", "IDREF", "2012-03-04", "2016-01-05"):
        assert value not in page

    bad = section(page, "BAD")
    row = next(r for r in bad.split("<tr>") if "BAD/case/referrals.csv" in r and "keys unique" in r)
    assert ">ERROR<" in row and ">referral_id<" in row
    assert '<td class="n">5</td>' in row  # the latest run's rows
    assert "2 → 5" in row  # the trend: 2 rows the first night, 5 the second
    assert "No ERROR or WARN finding" in section(page, "GUD")


def test_the_alert_gives_the_page():
    findings = [Finding("check.case_extract", "LA1", "LA1/case/referrals.csv", "keys unique", ERROR, "duplicate",
                        "referral_id", 2, [1, 3])]
    alert = compose(True, False, findings, "/w/warehouse.duckdb", quality_page="/w/data_quality.html")
    assert "works offline): /w/data_quality.html" in alert.text
