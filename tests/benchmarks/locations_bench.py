"""Benchmark of the Opvanglocaties list on the large demo set (not part of the default run).

    .venv/bin/python tests/benchmarks/locations_bench.py [--size large] [--no-cache]

Uses the cached demo set of ``run.py`` (5,000 locations, 40,000+ places in the large size) and
measures what a user waits for on every keystroke or filter change (goal: <= 100 ms):

- ``sql``: the two queries of a keystroke, the first page of the list and the totals line;
- ``gui``: a real ``LocationsView`` (offscreen), from the key event until the list and the
  totals show the new result (the queries run in a worker; see also ``filter_bench.py`` for
  the time the GUI thread is blocked), for typing
  words letter by letter, for filter changes, for a click on a column header, and for
  scrolling to the next page;
- the Vrije plaatsen overview query (runs in a worker, measured for reference).

Wall-clock times, plus the CPU time of this process for the keystrokes (``*_cpu``): on a
machine busy with other work the wall clock includes waiting for a CPU, the CPU time does not.
Writes ``tests/benchmarks/results/locations.json`` and a short table on stdout. The database is
opened read-only in spirit: nothing is written (no migration, no backup).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import RESULTS_DIR, demo_folder  # noqa: E402

GOAL_MS = 100.0
WORDS = ["gent", "kerkstraat", "sint", "opvang", "hasselt", "zzz"]


def _summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 2),
        "max_ms": round(ordered[-1], 2),
        "samples": len(ordered),
    }


def bench_sql(folder: Path) -> dict[str, object]:
    from vlot_desktop import paths
    from vlot_desktop.db.engine import make_engine
    from vlot_desktop.db.queries.free_places import free_places_overview
    from vlot_desktop.db.queries.location_filter import LocationFilter
    from vlot_desktop.db.queries.locations import SortColumn, list_locations, location_totals

    engine = make_engine(paths.database_path(folder))
    filters: list[LocationFilter] = []
    for word in WORDS:
        filters += [LocationFilter(search=word[: n + 1]) for n in range(len(word))]
    filters += [
        LocationFilter(),
        LocationFilter(province_code="antwerpen"),
        LocationFilter(team_code="limburg"),
        LocationFilter(municipality_nis="44021"),
        LocationFilter(location_type="gastgezin"),
        LocationFilter(status="operationeel"),
        LocationFilter(has_free_places=True),
        LocationFilter(suits_vulnerable_profiles=True),
        LocationFilter(search="straat", has_free_places=True, province_code="oost-vlaanderen"),
    ]
    keystroke: list[float] = []
    keystroke_cpu: list[float] = []
    sorted_by_count: list[float] = []
    with engine.connect() as conn:
        list_locations(conn, LocationFilter())  # warm the page cache
        for _ in range(3):
            for location_filter in filters:
                started, cpu = time.perf_counter(), time.process_time()
                list_locations(conn, location_filter)
                location_totals(conn, location_filter)
                keystroke.append((time.perf_counter() - started) * 1000)
                keystroke_cpu.append((time.process_time() - cpu) * 1000)
            for column in SortColumn:
                started = time.perf_counter()
                list_locations(conn, LocationFilter(), sort=column, descending=True)
                sorted_by_count.append((time.perf_counter() - started) * 1000)
        totals = location_totals(conn, LocationFilter())
        started = time.perf_counter()
        overview = free_places_overview(conn)
        overview_ms = (time.perf_counter() - started) * 1000
    engine.dispose()
    return {
        "locations": totals.locations,
        "places": totals.capacity,
        "sql_keystroke": _summary(keystroke),
        "sql_keystroke_cpu": _summary(keystroke_cpu),
        "sql_sort": _summary(sorted_by_count),
        "free_places_overview_ms": round(overview_ms, 2),
        "free_places_provinces": len(overview),
    }


def bench_gui(folder: Path) -> dict[str, object]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from vlot_desktop import paths
    from vlot_desktop.db.engine import make_engine
    from vlot_desktop.db.queries.reference import list_provinces, list_teams
    from vlot_desktop.ui.context import AppContext, OpenedDatabase
    from vlot_desktop.ui.i18n import install_translators
    from vlot_desktop.ui.locations.locations_view import LocationsView
    from vlot_desktop.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    install_translators(app, "nl")  # type: ignore[arg-type]
    engine = make_engine(paths.database_path(folder))
    with engine.connect() as conn:
        database = OpenedDatabase(engine, list_teams(conn), list_provinces(conn))
    context = AppContext(folder)
    context.set_database(database)
    runner = TaskRunner()
    view = LocationsView(context, runner)
    view.resize(1176, 700)
    view.show()
    view.refresh()
    app.processEvents()

    cpu_times: dict[str, list[float]] = {}

    def timed(action: Callable[[], None], bucket: str = "") -> float:
        started, cpu = time.perf_counter(), time.process_time()
        action()
        app.processEvents()
        while view.is_loading or runner.active_count:  # the worker reads, the view shows it
            runner.wait_for_done(5)
            app.processEvents()
        if bucket:
            cpu_times.setdefault(bucket, []).append((time.process_time() - cpu) * 1000)
        return (time.perf_counter() - started) * 1000

    typing: list[float] = []
    typing_cpu: list[float] = []
    for word in WORDS:
        view.search_edit.clear()
        app.processEvents()
        for char in word:
            cpu = time.process_time()
            typing.append(timed(lambda c=char: QTest.keyClicks(view.search_edit, c)))
            typing_cpu.append((time.process_time() - cpu) * 1000)
        if word != "zzz" and view.model.total == 0:
            raise SystemExit(f"searching {word!r} found nothing: a benchmark of nothing")
    view.search_edit.clear()
    app.processEvents()

    filters: list[float] = []
    for combo in (view.province_combo, view.type_combo, view.status_combo):
        for index in range(1, combo.count()):
            filters.append(timed(lambda c=combo, i=index: c.setCurrentIndex(i), "filter"))
        filters.append(timed(lambda c=combo: c.setCurrentIndex(0), "filter"))
    for check in (view.free_check, view.vulnerable_check):
        filters.append(timed(lambda c=check: c.setChecked(True), "filter"))
        filters.append(timed(lambda c=check: c.setChecked(False), "filter"))

    header = view.table.horizontalHeader()
    sorting: list[float] = []
    for column in range(view.model.columnCount()):
        sorting.append(
            timed(lambda c=column: header.setSortIndicator(c, Qt.SortOrder.DescendingOrder))
        )
    header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)

    scrolling: list[float] = []
    for _ in range(5):
        scrolling.append(timed(view.model.fetchMore))

    selecting: list[float] = []
    for row in (0, 5, 50):
        selecting.append(timed(lambda r=row: view.table.selectRow(r)))

    shown = view.model.total
    runner.shutdown()
    view.close()
    context.close()
    return {
        "gui_keystroke": _summary(typing),
        "gui_keystroke_cpu": _summary(typing_cpu),
        "gui_filter_change": _summary(filters),
        "gui_filter_change_cpu": _summary(cpu_times["filter"]),
        "gui_sort_click": _summary(sorting),
        "gui_next_page": _summary(scrolling),
        "gui_select_location": _summary(selecting),
        "listed_without_filter": shown,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", choices=("small", "medium", "large"))
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args()
    folder, _ = demo_folder(args.size, use_cache=not args.no_cache)
    results: dict[str, object] = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "size": args.size,
        "goal_ms": GOAL_MS,
    }
    results.update(bench_sql(folder))
    results.update(bench_gui(folder))
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "locations.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"{results['locations']} locations, {results['places']} places ({args.size})")
    for key in (
        "sql_keystroke",
        "sql_keystroke_cpu",
        "sql_sort",
        "gui_keystroke",
        "gui_keystroke_cpu",
        "gui_filter_change",
        "gui_filter_change_cpu",
        "gui_sort_click",
        "gui_next_page",
        "gui_select_location",
    ):
        figures = results[key]
        assert isinstance(figures, dict)
        verdict = "ok" if figures["max_ms"] <= GOAL_MS else "OVER"
        print(
            f"{key:<22} median {figures['median_ms']:>7} ms  p95 {figures['p95_ms']:>7} ms  "
            f"max {figures['max_ms']:>7} ms  ({figures['samples']})  {verdict}"
        )
    print(f"free places overview   {results['free_places_overview_ms']} ms (worker)")
    print(f"written to {RESULTS_DIR / 'locations.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
