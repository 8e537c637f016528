"""Operating the warehouse: rollback, the private build folder, unwritable folders (issue 16).
No pipeline run: publications here are small files, which is all rollback looks at."""

import os
import shutil
import stat
from datetime import datetime, timedelta

from orchestration.cli import EXIT_OK, EXIT_USAGE, main
from orchestration.publication import archive, archive_dir, archived, rollback
from orchestration.settings import Paths
from tests.rawdata import write_family


def publish_three(wh, hard_links=True):
    """Three publications A, B, C (C current), archived as publishing does."""
    published = wh / "warehouse.duckdb"
    wh.mkdir(parents=True, exist_ok=True)
    start = datetime(2026, 1, 1)
    for i, content in enumerate([b"A", b"B", b"C"]):
        published.unlink(missing_ok=True)  # publishing renames a new file into place
        published.write_bytes(content * 100)
        archive(published, f"run{i}0000000", start + timedelta(days=i))
    if not hard_links:  # an archive restored from a backup: copies, not links
        for f in archived(published):
            data = f.read_bytes()
            f.unlink()
            f.write_bytes(data)
    return published


def test_rollback_steps_must_be_one_or_more(tmp_path, capsys):
    publish_three(tmp_path)
    for steps in ("0", "-1"):
        assert main(["rollback", "--steps", steps, "--warehouse-dir", str(tmp_path)]) == EXIT_USAGE
        assert "1 or more" in capsys.readouterr().out
    assert (tmp_path / "warehouse.duckdb").read_bytes()[:1] == b"C"


def test_rollback_compares_by_content_when_the_archive_has_no_hard_links(tmp_path):
    published = publish_three(tmp_path, hard_links=False)
    # before: the current file matched no archive entry by inode, so "one back" was the
    # newest entry, C itself: a change reported and not made
    rollback(published, 1)
    assert published.read_bytes()[:1] == b"B"


def test_rollback_also_puts_back_the_runs_copy_of_the_last_publication(tmp_path):
    """The next run compares with, and carries over, the publication analysts now see."""
    published = publish_three(tmp_path)
    rollback(published, 1)
    assert (tmp_path / "build" / "last_good.duckdb").read_bytes() == published.read_bytes() == b"B" * 100
    rollback(published, -1)
    assert (tmp_path / "build" / "last_good.duckdb").read_bytes() == b"C" * 100


def test_rollback_at_the_oldest_and_undo(tmp_path, capsys):
    published = publish_three(tmp_path)
    assert main(["rollback", "--steps", "2", "--warehouse-dir", str(tmp_path)]) == EXIT_OK
    assert published.read_bytes()[:1] == b"A"
    assert main(["rollback", "--warehouse-dir", str(tmp_path)]) == EXIT_USAGE
    assert "no publication 1 before the current one" in capsys.readouterr().out
    assert main(["rollback", "--undo", "--warehouse-dir", str(tmp_path)]) == EXIT_OK
    assert published.read_bytes()[:1] == b"B"
    assert main(["rollback", "--undo", "--warehouse-dir", str(tmp_path)]) == EXIT_OK
    assert published.read_bytes()[:1] == b"C"
    assert main(["rollback", "--undo", "--warehouse-dir", str(tmp_path)]) == EXIT_USAGE
    assert "newest is in place" in capsys.readouterr().out
    assert len(list(archive_dir(published).iterdir())) == 3


def test_the_build_folder_is_made_private_and_existing_files_fixed(tmp_path):
    paths = Paths(tmp_path / "raw", tmp_path / "wh")
    paths.build_dir.mkdir(parents=True)
    os.chmod(paths.build_dir, 0o755)
    (paths.build_dir / "dbt").mkdir()
    os.chmod(paths.build_dir / "dbt", 0o755)
    paths.build_db.write_bytes(b"x")
    os.chmod(paths.build_db, 0o644)
    paths.secure_build_dir()
    assert stat.S_IMODE(paths.build_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((paths.build_dir / "dbt").stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.build_db.stat().st_mode) == 0o600


def test_an_unwritable_warehouse_folder_is_named_and_nothing_is_built(tmp_path, capsys):
    raw = tmp_path / "raw"
    write_family(raw, "LA1", "case")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the warehouse folder should be")
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(blocker / "wh")]) == EXIT_USAGE
    out = capsys.readouterr().out
    assert "cannot write in" in out and str(blocker / "wh") in out
    assert "Traceback" not in out


def test_a_bad_evidence_years_setting_stops_the_run_before_anything_is_built(tmp_path, capsys, monkeypatch):
    raw = tmp_path / "raw"
    write_family(raw, "LA1", "case")
    monkeypatch.setenv("CSC_EVIDENCE_YEARS", "two")
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(tmp_path / "wh")]) == EXIT_USAGE
    out = capsys.readouterr().out
    assert "not run: CSC_EVIDENCE_YEARS must be a whole number" in out and "Traceback" not in out
    assert not (tmp_path / "wh" / "build" / "build.duckdb").exists()


def test_a_warehouse_path_with_an_apostrophe_is_quoted(tmp_path):
    """Paths reach DuckDB's ATTACH through one quoting function."""
    from orchestration.sql import quote_literal

    import duckdb

    folder = tmp_path / "o'brien's"
    folder.mkdir()
    con = duckdb.connect()
    con.execute(f"attach {quote_literal(folder / 'x.duckdb')} as x")
    con.execute("create table x.t as select 1 as n")
    assert con.execute("select n from x.t").fetchone() == (1,)
    con.close()
    shutil.rmtree(folder)


def test_the_dagster_job_takes_the_build_lock_too(tmp_path):
    """Issue 16: `dagster job execute` and the schedule did not take the run lock, and two
    publications ran at once. A run started that way while another holds the lock fails
    before any step, and publishes nothing."""
    import subprocess
    import sys


    from orchestration.definitions import build_definitions

    raw, wh = tmp_path / "raw", tmp_path / "wh"
    write_family(raw, "LA1", "case")
    paths = Paths(raw, wh)
    paths.build_dir.mkdir(parents=True)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, sys, time; fh = open(sys.argv[1], 'w'); fcntl.flock(fh, fcntl.LOCK_EX); "
        "print('held', flush=True); time.sleep(60)"), str(paths.build_dir / ".lock")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = build_definitions(paths).resolve_job_def("nightly").execute_in_process(raise_on_error=False)
    finally:
        holder.kill()
        holder.wait()
    assert not result.success
    assert not (wh / "warehouse.duckdb").exists() and not paths.build_db.exists()



def test_a_whole_run_in_a_folder_with_an_apostrophe(tmp_path):
    """Issue 16: a warehouse path containing an apostrophe broke every run."""
    raw, wh = tmp_path / "raw", tmp_path / "o'brien's warehouse"
    write_family(raw, "LA1", "case", {
        "children": [{"child_id": "C1", "sex": "F", "birth_date": "2010-01-01"}],
        "referrals": [{"referral_id": "R1", "child_id": "C1", "referral_date": "2016-01-05", "referral_nfa": "N"}]})
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_OK
    assert (wh / "warehouse.duckdb").exists()


def test_an_analyst_holding_the_published_file_read_write_does_not_stop_the_run(tmp_path, capsys):
    """Issue 16: an analyst with a read-write connection on warehouse.duckdb (DuckDB then
    holds a write lock on it) made the next run fail at the staging checks, which opened
    the published file for the last good load. The run reads its own copy of the last
    publication; the new file is renamed over the held one, and the analyst's connection
    keeps reading the old file."""
    import subprocess
    import sys

    import duckdb

    raw, wh = tmp_path / "raw", tmp_path / "wh"
    write_family(raw, "LA1", "case", {
        "children": [{"child_id": "C1", "sex": "F", "birth_date": "2010-01-01"}],
        "referrals": [{"referral_id": "R1", "child_id": "C1", "referral_date": "2016-01-05", "referral_nfa": "N"}]})
    assert main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)]) == EXIT_OK
    published = wh / "warehouse.duckdb"
    con = duckdb.connect(str(published), read_only=True)
    first_run = con.execute("select run_id from meta.publication").fetchone()[0]
    con.close()
    capsys.readouterr()
    analyst = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys; con = duckdb.connect(sys.argv[1]); "  # read-write: DuckDB's default
        "con.execute('select count(*) from meta.loads').fetchall(); print('held', flush=True); "
        "sys.stdin.readline(); print(con.execute('select run_id from meta.publication').fetchone()[0], flush=True); "
        "sys.stdin.readline()"), str(published)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert analyst.stdout.readline().strip() == "held"
        code = main(["run", "--raw-dir", str(raw), "--warehouse-dir", str(wh)])
        out = capsys.readouterr().out
        analyst.stdin.write("\n")
        analyst.stdin.flush()
        still_reading = analyst.stdout.readline().strip()
    finally:
        analyst.kill()
        analyst.wait()
    assert code == EXIT_OK, out
    assert "lock" not in out.lower()
    build = duckdb.connect(str(wh / "build" / "build.duckdb"), read_only=True)
    assert build.execute("select count(*) from quality.findings where message ilike '%lock%'").fetchone()[0] == 0
    build.close()
    assert still_reading == first_run  # the analyst's connection still reads the old file
    fresh = duckdb.connect(str(published), read_only=True)
    assert fresh.execute("select run_id from meta.publication").fetchone()[0] != first_run
    fresh.close()
