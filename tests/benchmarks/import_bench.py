"""Benchmarks of the locations Excel/CSV import and export (not part of the default test run).

    .venv/bin/python tests/benchmarks/import_bench.py [--rows 100000] [--size large]

Measures, and writes to tests/benchmarks/results/import_bench.json:

- checking every row of a 100,000-row CSV (the dry run the preview does), and the most Python
  memory it holds at once (tracemalloc), showing that rows are streamed rather than held;
- the same for an .xlsx of that size (openpyxl read-only mode);
- a real import (two passes, one transaction) of 10,000 new locations;
- exporting every location of the large demo set to .xlsx and .csv, then re-importing the .csv
  (which must change nothing).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

RESULTS = Path(__file__).resolve().parent / "results" / "import_bench.json"


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def write_rows_csv(path: Path, rows: int) -> None:
    lines = ["Naam;Type;Status;Gemeente;Postcode;Capaciteit;Geopend op"]
    lines += [
        f"Woning {i};Individuele woning;Operationeel;Leuven;3000;{i % 5};01/0{i % 9 + 1}/2024"
        for i in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_rows_xlsx(path: Path, rows: int) -> None:
    import datetime as dt

    from vlot_desktop.spreadsheets.writing import ColumnKind, OutputColumn, write_table

    columns = [
        OutputColumn("Naam"),
        OutputColumn("Type"),
        OutputColumn("Status"),
        OutputColumn("Gemeente"),
        OutputColumn("Capaciteit", ColumnKind.INTEGER),
        OutputColumn("Geopend op", ColumnKind.DATE),
    ]
    write_table(
        path,
        columns,
        (
            [f"Woning {i}", "Gastgezin", "Operationeel", "Leuven", i % 5, dt.date(2024, 1, 1)]
            for i in range(rows)
        ),
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--size", default="large")
    parser.add_argument("--no-demo", action="store_true", help="skip the demo-set export")
    args = parser.parse_args()

    from vlot_desktop import paths
    from vlot_desktop.db.engine import make_engine
    from vlot_desktop.services.location_export import export_locations
    from vlot_desktop.services.location_import import import_locations
    from vlot_desktop.services.setup import initialise_laptop

    figures: dict[str, float | int] = {"rows": args.rows}
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        data = folder / "data"
        initialise_laptop(data, "Bench", "limburg")
        engine = make_engine(paths.database_path(data))

        big = folder / "big.csv"
        write_rows_csv(big, args.rows)
        started = time.perf_counter()
        summary = import_locations(engine, big, dry_run=True)
        figures["check_csv_s"] = round(time.perf_counter() - started, 2)
        assert summary.rows == args.rows and not summary.has_errors
        # Python memory allocated at most during the check (traced separately: tracing is slow).
        tracemalloc.start()
        import_locations(engine, big, dry_run=True)
        figures["check_csv_python_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()

        book = folder / "big.xlsx"
        write_rows_xlsx(book, args.rows)
        started = time.perf_counter()
        summary = import_locations(engine, book, dry_run=True)
        figures["check_xlsx_s"] = round(time.perf_counter() - started, 2)
        figures["check_xlsx_peak_rss_total_mb"] = round(peak_rss_mb(), 1)
        assert summary.rows == args.rows and not summary.has_errors

        small = folder / "10k.csv"
        write_rows_csv(small, 10_000)
        started = time.perf_counter()
        summary = import_locations(engine, small)
        figures["import_10k_new_s"] = round(time.perf_counter() - started, 2)
        figures["import_10k_places_added"] = summary.places_added
        assert summary.applied
        engine.dispose()

        if not args.no_demo:
            from run import demo_folder

            cached, _seconds = demo_folder(args.size, use_cache=True)
            demo = folder / "demo"
            shutil.copytree(cached, demo)
            engine = make_engine(paths.database_path(demo))
            for suffix in ("xlsx", "csv"):
                started = time.perf_counter()
                result = export_locations(engine, folder / f"demo.{suffix}")
                figures[f"export_demo_{suffix}_s"] = round(time.perf_counter() - started, 2)
                assert result is not None
                figures["demo_locations"] = result.rows
            started = time.perf_counter()
            summary = import_locations(engine, folder / "demo.csv")
            figures["reimport_demo_csv_s"] = round(time.perf_counter() - started, 2)
            assert summary.unchanged == summary.rows and not summary.problems
            engine.dispose()

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    for key, value in figures.items():
        print(f"{key:32} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
