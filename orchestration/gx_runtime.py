"""Great Expectations' import: with its usage analytics off, and early in the background
while a step waits on dbt. Plain logic (no Dagster), imported by the quality suites and
by the dbt step that warms it up."""

from __future__ import annotations

import os
import threading


def import_great_expectations():
    """Great Expectations, imported with its usage analytics off (they would call out)."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx

    return gx


def warm_up_great_expectations() -> None:
    """Import Great Expectations (about 3 s) in a background thread. Called when a step
    starts a long wait on another process (dbt building the models), so that the suites
    after it find it loaded; a Python thread holds the interpreter while importing, so it
    only gains time while the main thread waits. A failure is met again, and reported, by
    the suite that imports it."""

    def _import() -> None:
        try:
            import_great_expectations()
        except Exception:  # noqa: BLE001 - see above
            pass

    threading.Thread(target=_import, name="gx-import", daemon=True).start()
