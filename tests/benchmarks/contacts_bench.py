"""Gemeenten sorted on the days since the last contact, on the large demo set (not in the
default run).

    .venv/bin/python tests/benchmarks/contacts_bench.py [--size large] [--no-cache] [--repeat 20]

Uses the cached demo set of ``run.py`` (200,000 contact moments in the large size) and measures
what the Gemeenten screen waits for when the user sorts on "days since the last contact"
(goal: <= 100 ms): ``municipality_list.sorted_rows`` ascending and descending, for all teams
and for one team, with and without a name filter; also the last contact of every municipality
(``last_contacts``), a municipality's history page and today's list of a staff member, for
reference. Wall clock and CPU time. Writes ``tests/benchmarks/results/contacts.json`` and a
table on stdout; exit code 1 when the sort misses the goal at the 95th percentile. Nothing is
written to the database.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import DEMO_TODAY, RESULTS_DIR, demo_folder  # noqa: E402

GOAL_MS = 100.0


def _summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 2),
        "max_ms": round(ordered[-1], 2),
        "samples": len(ordered),
    }


def bench(folder: Path, repeat: int) -> dict[str, object]:
    from vlot_desktop import paths
    from vlot_desktop.db.engine import make_engine
    from vlot_desktop.services import contact_list, municipality_list
    from vlot_desktop.services.municipality_list import MunicipalitySort

    engine = make_engine(paths.database_path(folder))
    today = DEMO_TODAY
    cases = [
        ("", None, None),
        ("", None, "limburg"),
        ("", "antwerpen", None),
        ("sint", None, None),
        ("", None, "centraal"),
    ]
    sort_wall: list[float] = []
    sort_cpu: list[float] = []
    other: dict[str, list[float]] = {"last_contacts": [], "history": [], "day_list": []}
    with engine.connect() as conn:
        total = conn.exec_driver_sql("SELECT count(*) FROM contact_moment").scalar_one()
        staff = conn.exec_driver_sql(
            "SELECT staff_id FROM contact_moment GROUP BY staff_id ORDER BY count(*) DESC LIMIT 1"
        ).scalar_one()
        municipality_list.sorted_rows(
            conn, "", None, MunicipalitySort.DAYS_SINCE_CONTACT, True, today
        )  # warm the page cache
        for _ in range(repeat):
            for text, province, team in cases:
                for descending in (True, False):
                    started, started_cpu = time.perf_counter(), time.process_time()
                    rows = municipality_list.sorted_rows(
                        conn,
                        text,
                        province,
                        MunicipalitySort.DAYS_SINCE_CONTACT,
                        descending,
                        today,
                        team_code=team,
                    )
                    sort_wall.append((time.perf_counter() - started) * 1000)
                    sort_cpu.append((time.process_time() - started_cpu) * 1000)
                    assert rows or text
            for name, call in (
                ("last_contacts", lambda: municipality_list.last_contacts(conn, today)),
                ("history", lambda: contact_list.history(conn, "11002")),
                ("day_list", lambda: contact_list.day_list(conn, staff, today)),
            ):
                started = time.perf_counter()
                call()
                other[name].append((time.perf_counter() - started) * 1000)
    engine.dispose()
    return {
        "contact_moments": total,
        "sort_days_since_contact": _summary(sort_wall),
        "sort_days_since_contact_cpu": _summary(sort_cpu),
        **{name: _summary(times) for name, times in other.items()},
        "goal_ms": GOAL_MS,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="large", choices=("small", "medium", "large"))
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    folder, _ = demo_folder(args.size, use_cache=not args.no_cache)
    result = bench(folder, args.repeat)
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "contacts.json").write_text(json.dumps(result, indent=2) + "\n")
    for key, value in result.items():
        print(f"{key:32} {value}")
    sort = result["sort_days_since_contact"]
    assert isinstance(sort, dict)
    return 0 if sort["p95_ms"] <= GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
