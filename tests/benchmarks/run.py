"""Benchmarks of the foundation, on the large demo set (not part of the default test run).

    .venv/bin/python tests/benchmarks/run.py [--size large] [--repeat 5] [--no-cache]

Builds the demo set once (cached in tests/benchmarks/.cache, keyed by the generator's source)
and writes tests/benchmarks/results/latest.json plus a short table on stdout:

- demo generation time;
- start-up until the first shown window, vs a bare QMainWindow in the same run (goal ratio <= 2);
- start-up until the Dashboard shows its numbers (goal <= 1.2 s);
- Gemeenten search per keystroke (goal <= 30 ms median);
- peak memory (RSS) of the app after visiting every screen (goal <= 350 MB).

Times are wall-clock, measured by this parent process from spawning the child to the moment a
line arrives on the child's stdout, so interpreter start-up counts for the app and the bare
window alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = Path(__file__).resolve().parent
CACHE_DIR = BENCH_DIR / ".cache"
RESULTS_DIR = BENCH_DIR / "results"
DEMO_TODAY = dt.date(2026, 11, 26)
SEED = 7

GOALS = {
    "startup_ratio": 2.0,
    "dashboard_s": 1.2,
    "search_keystroke_median_ms": 30.0,
    "peak_rss_mb": 350.0,
}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = str(ROOT)
    # An installed app has compiled .pyc files; this sandbox sets PYTHONDONTWRITEBYTECODE, which
    # would make every start recompile our modules (and only ours: the bare window has none).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _source_key(size: str) -> str:
    digest = hashlib.sha256(f"{size}-{SEED}-{DEMO_TODAY}".encode())
    for folder in ("vlot_desktop/demo", "migrations", "resources/data"):
        for file in sorted((ROOT / folder).rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def demo_folder(size: str, use_cache: bool) -> tuple[Path, float | None]:
    """The cached demo data folder, built if needed; returns (folder, build seconds or None)."""
    folder = CACHE_DIR / f"{size}-{_source_key(size)}"
    timing_file = CACHE_DIR / f"{folder.name}.build.json"
    if use_cache and (folder / "vlot.sqlite3").exists():
        # The figure of the build that made the cache, so a cached run still reports it.
        if timing_file.exists():
            return folder, float(json.loads(timing_file.read_text())["seconds"])
        return folder, None
    if CACHE_DIR.exists():
        for old in CACHE_DIR.glob(f"{size}-*"):
            if old.is_dir():
                shutil.rmtree(old)
            else:
                old.unlink()
    folder.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "vlot_desktop",
            "--data-dir",
            str(folder),
            "demo",
            "--size",
            size,
            "--seed",
            str(SEED),
            "--as-of",
            DEMO_TODAY.isoformat(),
        ],
        check=True,
        env=_env(),
        cwd=ROOT,
    )
    seconds = time.perf_counter() - started
    timing_file.write_text(json.dumps({"seconds": seconds}))
    return folder, seconds


def _timed_lines(
    cmd: list[str], markers: dict[str, str], timeout: float = 120.0
) -> tuple[dict[str, float], int, float]:
    """Run ``cmd``; return seconds from spawn to the first line containing each marker, the exit
    code, and the child's peak RSS in MB."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_env(), cwd=ROOT
    )
    seen: dict[str, float] = {}
    output: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        now = time.perf_counter() - started
        output.append(line)
        for name, marker in markers.items():
            if name not in seen and marker in line:
                seen[name] = now
        if now > timeout:
            proc.kill()
            break
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or len(seen) != len(markers):
        sys.stderr.write("".join(output))
    return seen, proc.returncode, usage.ru_maxrss / 1024.0


BARE_WINDOW = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1366, 768)
    window.show()
    def shown():
        print("bare window shown", flush=True)
        app.quit()
    QTimer.singleShot(0, shown)
    app.exec()
    """
)


def bench_startup(folder: Path, repeat: int) -> dict[str, object]:
    bare: list[float] = []
    app_window: list[float] = []
    dashboard: list[float] = []
    rss: list[float] = []
    # One unmeasured start first: warms the file cache and writes the .pyc files.
    _timed_lines(
        [sys.executable, "-m", "vlot_desktop", "--data-dir", str(folder), "--self-test"],
        {"end": "; OK"},
    )
    for _ in range(repeat):
        seen, code, _ = _timed_lines([sys.executable, "-c", BARE_WINDOW], {"shown": "shown"})
        if code == 0 and "shown" in seen:
            bare.append(seen["shown"])
        seen, code, peak = _timed_lines(
            [sys.executable, "-m", "vlot_desktop", "--data-dir", str(folder), "--self-test"],
            {
                "window": "window shown",
                "dashboard": "dashboard figures shown",
                "end": "; OK",
            },
        )
        if code != 0:
            raise SystemExit(f"self-test failed (exit {code})")
        app_window.append(seen["window"])
        dashboard.append(seen["dashboard"])
        rss.append(peak)
    bare_median = statistics.median(bare)
    window_median = statistics.median(app_window)
    return {
        "bare_window_s": round(bare_median, 3),
        "app_window_s": round(window_median, 3),
        "startup_ratio": round(window_median / bare_median, 2),
        "dashboard_s": round(statistics.median(dashboard), 3),
        "peak_rss_mb": round(max(rss), 1),
        "runs": repeat,
        "samples": {"bare": bare, "window": app_window, "dashboard": dashboard, "rss_mb": rss},
    }


SEARCH_WORDS = ["gent", "sint-niklaas", "beveren", "hasselt", "oostende", "zoersel"]


def bench_search(folder: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, str(BENCH_DIR / "search_probe.py"), str(folder), *SEARCH_WORDS],
        check=True,
        capture_output=True,
        text=True,
        env=_env(),
        cwd=ROOT,
    )
    times = json.loads(out.stdout.strip().splitlines()[-1])["times_ms"]
    return {
        "search_keystroke_median_ms": round(statistics.median(times), 2),
        "search_keystroke_p95_ms": round(sorted(times)[int(len(times) * 0.95) - 1], 2),
        "search_keystrokes": len(times),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", choices=("small", "medium", "large"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-cache", action="store_true")
    args = parser.parse_args()

    folder, build_s = demo_folder(args.size, use_cache=not args.no_cache)
    results: dict[str, object] = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "size": args.size,
        "demo_generation_s": round(build_s, 1) if build_s is not None else "cached",
    }
    results.update(bench_startup(folder, args.repeat))
    results.update(bench_search(folder))
    results["goals"] = GOALS
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "latest.json").write_text(json.dumps(results, indent=2) + "\n")

    rows = [
        ("demo generation", f"{results['demo_generation_s']} s", ""),
        ("bare QMainWindow shown", f"{results['bare_window_s']} s", ""),
        ("VLOT window shown", f"{results['app_window_s']} s", ""),
        ("start-up ratio", f"{results['startup_ratio']}", f"<= {GOALS['startup_ratio']}"),
        ("dashboard numbers shown", f"{results['dashboard_s']} s", f"<= {GOALS['dashboard_s']} s"),
        (
            "Gemeenten search / keystroke (median)",
            f"{results['search_keystroke_median_ms']} ms",
            f"<= {GOALS['search_keystroke_median_ms']} ms",
        ),
        (
            "peak RSS after every screen",
            f"{results['peak_rss_mb']} MB",
            f"<= {GOALS['peak_rss_mb']} MB",
        ),
    ]
    for name, value, goal in rows:
        print(f"{name:<40} {value:>12}  {goal}")
    print(f"written to {RESULTS_DIR / 'latest.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
