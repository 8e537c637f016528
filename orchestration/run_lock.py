"""The build lock: one run at a time touches a warehouse's build file, whichever way it
was started (csc-warehouse run, dagster job execute, the schedule). Plain logic."""

from __future__ import annotations

import contextlib
import fcntl

from orchestration.settings import Paths

_held: set[str] = set()  # lock files this process holds


class BuildLockBusy(RuntimeError):
    """Another run holds the build lock."""


@contextlib.contextmanager
def build_lock(paths: Paths):
    """An exclusive lock on build/.lock, held for the whole run and released when the
    process ends, even by a crash. Yields False, without waiting, when another holds it."""
    paths.build_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    lock_file = paths.build_dir / ".lock"
    with open(lock_file, "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        _held.add(str(lock_file))
        try:
            yield True
        finally:
            _held.discard(str(lock_file))
            fcntl.flock(fh, fcntl.LOCK_UN)


def holds(paths: Paths) -> bool:
    """Whether this process already holds the build lock of these paths (the command takes
    it before it starts the Dagster job, whose resource would otherwise take it again)."""
    return str(paths.build_dir / ".lock") in _held
