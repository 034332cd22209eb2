"""Benchmarks of the prospect report (not part of the default test run).

    .venv/bin/python tests/benchmarks/report_bench.py [--size large] [--no-cache] [--keep]

Works on a private copy of the cached demo set (tests/benchmarks/run.py builds it once) and
writes tests/benchmarks/results/report-latest.json plus a short table on stdout:

- one report with 12 full-size phone photos (4032 x 3024 JPEG, 3-5 MB each, generated here with
  noisy content so they compress like real photos): goal <= 2 s and <= 5 MB. Measured cold
  (no downscaled copies cached yet: the first report after the photos were synced in) and warm
  (the copies exist, as after adding the photos in the app or a second print);
- adding those 12 photos to the visit (hash, store, check, thumbnail): reported, no goal;
- a batch of 100 reports without photos in one PDF with contents and bookmarks: goal <= 20 s;
  the same 100 as a folder of PDFs.

Times are wall-clock in this process, as the app's worker runs the same functions; the CPU
seconds of the process (all threads) are recorded too, as they vary less on a busy machine.
The 1-minute load average at the start and the end is recorded with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
PHOTO_CACHE = BENCH_DIR / ".cache" / "report-photos-v1"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

GOALS = {"photos_report_s": 2.0, "photos_report_mb": 5.0, "batch_100_s": 20.0}
PHOTO_COUNT = 12
PHOTO_SIZE = (4032, 3024)


def phone_photos(folder: Path) -> list[Path]:
    """Twelve different 4032x3024 JPEGs of 3-5 MB: soft shapes plus sensor-like noise."""
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / f"IMG_{2000 + i}.jpg" for i in range(PHOTO_COUNT)]
    if all(f.is_file() for f in files):
        return files
    width, height = PHOTO_SIZE
    # One noise field, shifted differently per photo (generating it is the slow part).
    noise = Image.merge("RGB", [Image.effect_noise((width, height), 12) for _ in range(3)])
    for index, file in enumerate(files):
        rnd = random.Random(index)
        base = Image.new("RGB", (width // 8, height // 8), (128, 128, 128))
        draw = ImageDraw.Draw(base)
        for _ in range(60):
            x, y, r = rnd.randrange(width // 8), rnd.randrange(height // 8), rnd.randrange(10, 120)
            colour = (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256))
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        base = base.filter(ImageFilter.GaussianBlur(6)).resize((width, height))
        shifted = ImageChops.offset(noise, rnd.randrange(width), rnd.randrange(height))
        photo = ImageChops.add(base, shifted, scale=1.0, offset=-128)
        exif = Image.Exif()
        exif[274] = 6 if index % 4 == 0 else 1  # some taken upright (portrait)
        photo.save(file, "JPEG", quality=88, exif=exif.tobytes())
    return files


def _mb(path: Path) -> float:
    return path.stat().st_size / 1_000_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", choices=("small", "medium", "large"))
    parser.add_argument("--no-cache", action="store_true", help="rebuild the demo set")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder (PDFs)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the 12-photo report")
    args = parser.parse_args()

    from run import demo_folder  # the foundation's runner: the same cached demo set

    from vlot_desktop import paths
    from vlot_desktop.db.engine import make_engine, make_session_factory
    from vlot_desktop.media import images
    from vlot_desktop.services import photos
    from vlot_desktop.services.prospect_reports import make_prospect_report, make_prospect_reports

    demo, _ = demo_folder(args.size, use_cache=not args.no_cache)
    work = Path(tempfile.mkdtemp(prefix="vlot-report-bench-"))
    results: dict[str, Any] = {"size": args.size, "load_before": os.getloadavg()[0]}
    try:
        data_dir = work / "data"
        data_dir.mkdir()
        shutil.copy2(paths.database_path(demo), paths.database_path(data_dir))
        db_path = paths.database_path(data_dir)

        started = time.perf_counter()
        files = phone_photos(PHOTO_CACHE)
        results["photo_generation_s"] = round(time.perf_counter() - started, 2)
        results["photo_mb"] = [round(_mb(f), 2) for f in files]

        engine = make_engine(db_path)
        with make_session_factory(engine)() as session:
            from sqlalchemy import select

            from vlot_desktop.db.models.prospects import ProspectVisit

            visit_ids = list(
                session.scalars(
                    select(ProspectVisit.id)
                    .where(ProspectVisit.visit_date.is_not(None))
                    .order_by(ProspectVisit.visit_date, ProspectVisit.id)
                )
            )
            target = visit_ids[-1]
            started = time.perf_counter()
            added = photos.add_photos(session, data_dir, photos.PROSPECT_VISIT, target, files)
            results["add_12_photos_s"] = round(time.perf_counter() - started, 2)
            assert len(added.added) == PHOTO_COUNT, added
            for photo in added.added[::2]:
                photos.set_caption(session, photo.id, f"Foto van {photo.file_name}")

        # Cold: no report-size copies (as for photos that came in through the sync); warm: the
        # copies exist (as after adding them in the app). Best of --repeat runs, and the median.
        out = work / "met-fotos.pdf"
        for run in ("cold", "warm"):
            walls, cpus = [], []
            for _ in range(args.repeat):
                if run == "cold":
                    for cached in images.cache_dir(data_dir).glob(f"*-{images.REPORT_PX}.jpg"):
                        cached.unlink()
                started, cpu = time.perf_counter(), time.process_time()
                make_prospect_report(engine, data_dir, target, out)
                walls.append(time.perf_counter() - started)
                cpus.append(time.process_time() - cpu)
            results[f"photos_report_{run}_s"] = round(min(walls), 3)
            results[f"photos_report_{run}_median_s"] = round(statistics.median(walls), 3)
            results[f"photos_report_{run}_cpu_s"] = round(min(cpus), 3)
        results["photos_report_mb"] = round(_mb(out), 2)

        from pypdf import PdfReader

        reader = PdfReader(out)
        results["photos_report_pages"] = len(reader.pages)
        results["photos_report_images"] = sum(len(page.images) for page in reader.pages)

        batch = [v for v in visit_ids if v != target][:100]
        assert len(batch) == 100, len(batch)
        for run in ("cold", "warm"):
            started, cpu = time.perf_counter(), time.process_time()
            make_prospect_reports(engine, data_dir, batch, work / "batch.pdf")
            results[f"batch_100_{run}_s"] = round(time.perf_counter() - started, 2)
            results[f"batch_100_{run}_cpu_s"] = round(time.process_time() - cpu, 2)
        results["batch_100_pages"] = len(PdfReader(work / "batch.pdf").pages)
        results["batch_100_mb"] = round(_mb(work / "batch.pdf"), 2)
        started = time.perf_counter()
        make_prospect_reports(engine, data_dir, batch, work / "map", one_file=False)
        results["batch_100_folder_s"] = round(time.perf_counter() - started, 2)
        engine.dispose()
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    results["load_after"] = os.getloadavg()[0]
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "report-latest.json").write_text(json.dumps(results, indent=2))
    checks = [
        ("12-photo report, cold (s)", results["photos_report_cold_s"], GOALS["photos_report_s"]),
        ("12-photo report, warm (s)", results["photos_report_warm_s"], GOALS["photos_report_s"]),
        ("12-photo report size (MB)", results["photos_report_mb"], GOALS["photos_report_mb"]),
        ("100 reports, one PDF, cold (s)", results["batch_100_cold_s"], GOALS["batch_100_s"]),
        ("100 reports, one PDF, warm (s)", results["batch_100_warm_s"], GOALS["batch_100_s"]),
        ("100 reports, folder (s)", results["batch_100_folder_s"], GOALS["batch_100_s"]),
    ]
    print(json.dumps(results))
    failed = False
    for label, value, goal in checks:
        ok = value <= goal
        failed |= not ok
        print(f"{label:34} {value:>8} goal <= {goal:<6} {'ok' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
