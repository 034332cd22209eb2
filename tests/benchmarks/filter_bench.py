"""Per-keystroke filtering on Opvanglocaties and Dossiers, large demo set (not in the default run).

    .venv/bin/python tests/benchmarks/filter_bench.py [--size large] [--no-cache]

What the issue "One way to build a screen" asks: while the user types, the GUI thread is never
blocked for more than 16 ms (one frame), because the query runs in a worker; the list shows
the result within 100 ms of the key. For every keystroke of a few words, in a real screen
(offscreen):

- ``blocked_key``: GUI-thread time of the key event itself (the screen builds the filter and
  starts the read; with the old design the queries ran here);
- ``blocked_delivery``: GUI-thread time of putting the result on screen (model reset, totals
  line, selection), measured around the list's delivery callback;
- ``shown``: from the key until the list shows the result (``PagedList.loaded``).

Writes ``tests/benchmarks/results/filter.json`` and a table on stdout; exit code 1 when a goal
is missed at the 95th percentile.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import RESULTS_DIR, demo_folder  # noqa: E402

BLOCKED_GOAL_MS = 16.0
SHOWN_GOAL_MS = 100.0
WORDS = {
    "locations": ["gent", "kerkstraat", "sint", "opvang", "hasselt"],
    "cases": ["olena", "kovalenko", "ко", "hh-2026", "marc"],
}


def _summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 2),
        "max_ms": round(ordered[-1], 2),
        "samples": len(ordered),
    }


def _screen(folder: Path, key: str) -> Any:
    from PySide6.QtWidgets import QApplication

    from vlot_desktop import paths
    from vlot_desktop.db.engine import make_engine
    from vlot_desktop.db.queries.reference import list_provinces, list_teams
    from vlot_desktop.ui.context import AppContext, OpenedDatabase
    from vlot_desktop.ui.i18n import install_translators
    from vlot_desktop.ui.main_thread_gc import MainThreadCollector
    from vlot_desktop.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    install_translators(app, "nl")  # type: ignore[arg-type]
    if not hasattr(app, "_collector"):  # as the app does (ui/main_thread_gc.py)
        app._collector = MainThreadCollector()  # type: ignore[attr-defined]
        app._collector.install()  # type: ignore[attr-defined]
    engine = make_engine(paths.database_path(folder))
    with engine.connect() as conn:
        database = OpenedDatabase(engine, list_teams(conn), list_provinces(conn))
    context = AppContext(folder)
    context.set_database(database)
    runner = TaskRunner()
    if key == "locations":
        from vlot_desktop.ui.locations.locations_view import LocationsView

        view: Any = LocationsView(context, runner)
    else:
        from vlot_desktop.ui.cases.cases_view import CasesView

        view = CasesView(context, runner)
    view.resize(1176, 700)
    view.show()
    view.refresh()
    _wait(app, view)
    return app, view, runner, context


def _wait(app: Any, view: Any, timeout_s: float = 10.0) -> None:
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        app.processEvents()
        if not view.is_loading and view.runner.active_count == 0:
            return
        view.runner.wait_for_done(5)
    raise SystemExit("the screen did not finish loading")


def bench(folder: Path, key: str) -> dict[str, object]:
    from PySide6.QtTest import QTest

    app, view, runner, context = _screen(folder, key)
    pages = view.pages
    delivery: list[float] = []
    original = pages._first_read

    def timed_delivery(page: Any) -> None:
        started = time.perf_counter()
        original(page)
        delivery.append((time.perf_counter() - started) * 1000)

    pages._first_read = timed_delivery
    shown_at: list[float] = []
    pages.loaded.connect(lambda _summary: shown_at.append(time.perf_counter()))

    blocked_key: list[float] = []
    shown: list[float] = []
    for word in WORDS[key]:
        view.search_edit.clear()
        _wait(app, view)
        for char in word:
            shown_at.clear()
            started = time.perf_counter()
            if char.isascii():
                QTest.keyClicks(view.search_edit, char)
            else:  # QTest types ASCII only: insert Cyrillic as an input method would
                view.search_edit.insert(char)
            blocked_key.append((time.perf_counter() - started) * 1000)
            _wait(app, view)
            if shown_at:
                shown.append((shown_at[-1] - started) * 1000)
        if view.model.total == 0 and key == "locations":
            raise SystemExit(f"searching {word!r} found nothing: a benchmark of nothing")
    total = view.model.total
    runner.shutdown()
    view.close()
    context.close()
    return {
        "blocked_key": _summary(blocked_key),
        "blocked_delivery": _summary(delivery),
        "shown": _summary(shown),
        "last_total": total,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", choices=("small", "medium", "large"))
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args()
    folder, _ = demo_folder(args.size, use_cache=not args.no_cache)
    results: dict[str, Any] = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "size": args.size,
        "goals_ms": {"blocked": BLOCKED_GOAL_MS, "shown": SHOWN_GOAL_MS},
    }
    ok = True
    for key in os.environ.get("FILTER_BENCH_SCREENS", "locations,cases").split(","):
        results[key] = bench(folder, key)
        for name, goal in (
            ("blocked_key", BLOCKED_GOAL_MS),
            ("blocked_delivery", BLOCKED_GOAL_MS),
            ("shown", SHOWN_GOAL_MS),
        ):
            figures = results[key][name]
            verdict = "ok" if figures["p95_ms"] <= goal else "OVER"
            ok = ok and verdict == "ok"
            print(
                f"{key:<10} {name:<17} median {figures['median_ms']:>7} ms  "
                f"p95 {figures['p95_ms']:>7} ms  max {figures['max_ms']:>7} ms  "
                f"({figures['samples']})  goal {goal} ms  {verdict}"
            )
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "filter.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {RESULTS_DIR / 'filter.json'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
