"""Alerts reach a real SMTP server and an HTTP endpoint on this machine, and say what
failed without a single identifier."""

import email
import email.policy
import http.server
import json
import socket
import threading

import pytest
from aiosmtpd.controller import Controller

from orchestration.alerts import compose, send
from orchestration.cli import EXIT_BLOCKED, EXIT_OK, main
from orchestration.findings import ERROR, WARN, Finding
from tests.rawdata import write_family, write_table

CHILDREN = [{"child_id": f"IDCHILD{i}", "sex": "F", "birth_date": "2012-03-04"} for i in range(3)]
REFERRALS = [
    {"referral_id": "IDREF1", "child_id": "IDCHILD0", "referral_date": "2016-01-05", "referral_nfa": "N"},
    {"referral_id": "IDREF2", "child_id": "IDCHILD1", "referral_date": "2016-02-05", "referral_nfa": "N"},
]


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(f"{msg['Subject']}\n{msg.get_content()}")
        return "250 OK"


@pytest.fixture
def smtp(monkeypatch):
    inbox = Inbox()
    with socket.socket() as probe:  # a free port on loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("CSC_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CSC_SMTP_PORT", str(port))
    monkeypatch.setenv("CSC_ALERT_TO", "performance-team@example.org")
    yield inbox
    controller.stop()


@pytest.fixture
def webhook(monkeypatch):
    received = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("CSC_ALERT_WEBHOOK_URL", f"http://127.0.0.1:{server.server_port}/hook")
    yield received
    server.shutdown()


def test_compose_says_what_where_and_how_many():
    findings = [Finding("check.case_extract", "LA1", "LA1/case/referrals.csv", "keys unique", ERROR,
                        "duplicate", "referral_id", 2, [1, 3]),
                Finding("ingest.case", "LA2", "LA2/case/visits.csv", "file has rows", WARN, "no data rows")]
    alert = compose(False, True, findings, "/w/warehouse.duckdb")
    assert alert.subject == "[csc-warehouse] NOT published: 1 ERROR, 1 WARN findings"
    assert "ERROR [LA1] LA1/case/referrals.csv column referral_id: keys unique: duplicate (2 rows: 1, 3)" in alert.text
    assert "Authorities with ERROR findings: LA1" in alert.text
    assert compose(True, False, [], "/w") is None


def test_blocked_run_sends_one_alert_without_identifiers(tmp_path, smtp, webhook):
    raw, wh = tmp_path / "raw", tmp_path / "wh"
    write_family(raw, "ALR", "case", {"children": CHILDREN, "referrals": REFERRALS})
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_OK
    assert smtp.messages == [] and webhook == []  # a clean run is not news
    before = (wh / "warehouse.duckdb").read_bytes()
    write_table(raw, "ALR", "referrals", REFERRALS + [dict(REFERRALS[0], child_id="IDCHILD2")])
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_BLOCKED
    assert (wh / "warehouse.duckdb").read_bytes() == before
    assert len(smtp.messages) == 1 and len(webhook) == 1
    mail, post = smtp.messages[0], webhook[0]["text"]
    assert "NOT published" in mail and "ALR/case/referrals.csv" in mail and "keys unique" in mail
    assert "2 rows: 1, 3" in post
    for text in (mail, post):
        assert "IDCHILD" not in text and "IDREF" not in text and "2012-03-04" not in text


def test_a_warn_publishes_and_alerts(tmp_path, smtp):
    raw, wh = tmp_path / "raw", tmp_path / "wh"
    # an assessment that starts before its referral breaks a CIN validator rule: WARN
    write_family(raw, "WRN", "case", {"children": CHILDREN, "referrals": REFERRALS, "assessments": [
        {"assessment_id": "IDASS1", "referral_id": "IDREF1", "child_id": "IDCHILD0", "start_date": "2016-01-01",
         "authorisation_date": "2016-01-10"}]})
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_OK
    assert (wh / "warehouse.duckdb").exists()
    assert len(smtp.messages) == 1
    assert "published with 1 WARN findings" in smtp.messages[0]
    assert "referral before assessment" in smtp.messages[0]
    assert "IDCHILD" not in smtp.messages[0] and "IDASS" not in smtp.messages[0]


def test_a_broken_channel_is_reported_not_raised(monkeypatch):
    monkeypatch.setenv("CSC_ALERT_TO", "x@example.org")
    monkeypatch.setenv("CSC_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CSC_SMTP_PORT", "1")  # nothing listens there
    assert send(compose(False, True, [], "/w", "step x: Boom")) == ["email failed (ConnectionRefusedError)"]
