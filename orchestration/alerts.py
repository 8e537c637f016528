"""Alerts to the performance team: by email (SMTP) and, if configured, a webhook (Teams
or Slack style JSON), on any ERROR or WARN finding or a failed run.

An alert says what failed, in which file and check, and how many rows, with row
numbers; it never carries a value from the data (findings hold none), so no child's or
worker's identifier, name or date of birth can be in it.

Settings, from the environment or the git-ignored .env:
  CSC_ALERT_TO            comma-separated addresses (no address: no email)
  CSC_ALERT_FROM          sender (default csc-warehouse@localhost)
  CSC_SMTP_HOST, CSC_SMTP_PORT (default 25), CSC_SMTP_USER, CSC_SMTP_PASSWORD,
  CSC_SMTP_STARTTLS       "true" to upgrade the connection with STARTTLS
  CSC_ALERT_WEBHOOK_URL   a URL to POST {"text": ...} to
  CSC_DATA_DOCS_URL       where the Data Docs are published (linked from the alert)
The alert also gives the path of the offline data-quality page (orchestration/quality_page.py).
"""

from __future__ import annotations

import json
import os
import smtplib
import urllib.request
from dataclasses import dataclass, field
from email.message import EmailMessage

import duckdb

from orchestration.findings import ERROR, WARN, Finding

MAX_LISTED = 40


@dataclass
class Alert:
    subject: str
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join([self.subject, "", *self.lines])


def findings_of_run(build_db, run_id: str) -> list[Finding]:
    """ERROR and WARN findings the run recorded in the build file."""
    try:
        con = duckdb.connect(str(build_db), read_only=True)
    except duckdb.Error:
        return []
    try:
        rows = con.execute(
            "select stage, la_code, source, check_name, severity, message, column_name, rows_affected, row_numbers "
            "from quality.findings where run_id = ? and severity in ('ERROR', 'WARN') "
            "order by severity, la_code, source, check_name", [run_id]).fetchall()
    except duckdb.Error:
        return []
    finally:
        con.close()
    return [Finding(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], list(r[8] or [])) for r in rows]


def compose(published: bool, run_failed: bool, findings: list[Finding], warehouse: str,
            failure: str | None = None, quality_page: str | None = None) -> Alert | None:
    """The alert for a run, or None when there is nothing to say. `quality_page`: where the
    offline data-quality page is (it needs no internet, unlike the Data Docs)."""
    errors = [f for f in findings if f.severity == ERROR]
    warnings = [f for f in findings if f.severity == WARN]
    if published and not run_failed and not findings:
        return None
    if not published:
        subject = (f"[csc-warehouse] NOT published: {len(errors)} ERROR, {len(warnings)} WARN findings"
                   if findings or not failure else "[csc-warehouse] NOT published: the nightly run failed")
    elif run_failed:
        subject = "[csc-warehouse] published, but a later step failed"
    elif errors:
        held = sorted({f.la_code for f in errors if f.la_code})
        subject = f"[csc-warehouse] published; held back (previous data kept): {', '.join(held)}"
    else:
        subject = f"[csc-warehouse] published with {len(warnings)} WARN findings"
    lines = [
        "The warehouse at " + warehouse + (" was updated." if published else " was left as it was (last good data)."),
    ]
    if failure:
        lines.append(f"Failure: {failure}")
    stale = sorted({f.la_code for f in errors if f.la_code})
    if stale:
        lines.append("Authorities with ERROR findings: " + ", ".join(stale))
    for f in (errors + warnings)[:MAX_LISTED]:
        lines.append("- " + f.describe())
    if len(errors + warnings) > MAX_LISTED:
        lines.append(f"... and {len(errors + warnings) - MAX_LISTED} more: select * from quality.findings")
    if quality_page:
        lines.append(f"Data-quality page (per authority, file and check, with trends; works offline): {quality_page}")
    docs = os.environ.get("CSC_DATA_DOCS_URL")
    if docs:
        lines.append(f"Data Docs: {docs}")
    return Alert(subject, lines)


def send(alert: Alert) -> list[str]:
    """Send by every configured channel. Returns the channels used; a channel that fails
    is reported in the list rather than raised, so one broken channel does not hide the
    other."""
    sent = []
    to = [a.strip() for a in os.environ.get("CSC_ALERT_TO", "").split(",") if a.strip()]
    host = os.environ.get("CSC_SMTP_HOST")
    if to and host:
        msg = EmailMessage()
        msg["Subject"] = alert.subject
        msg["From"] = os.environ.get("CSC_ALERT_FROM", "csc-warehouse@localhost")
        msg["To"] = ", ".join(to)
        msg.set_content(alert.text)
        try:
            with smtplib.SMTP(host, int(os.environ.get("CSC_SMTP_PORT", "25")), timeout=30) as smtp:
                if os.environ.get("CSC_SMTP_STARTTLS", "").lower() == "true":
                    smtp.starttls()
                if os.environ.get("CSC_SMTP_USER"):
                    smtp.login(os.environ["CSC_SMTP_USER"], os.environ.get("CSC_SMTP_PASSWORD", ""))
                smtp.send_message(msg)
            sent.append("email")
        except (OSError, smtplib.SMTPException) as exc:
            sent.append(f"email failed ({type(exc).__name__})")
    url = os.environ.get("CSC_ALERT_WEBHOOK_URL")
    if url:
        body = json.dumps({"text": alert.text}).encode("utf-8")
        req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                resp.read()
            sent.append("webhook")
        except OSError as exc:
            sent.append(f"webhook failed ({type(exc).__name__})")
    return sent
