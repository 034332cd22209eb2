"""Benchmarks of the sync through the share, on the large demo set (not in the default run).

    .venv/bin/python tests/benchmarks/sync_bench.py [--size large] [--sizes 1000,10000,100000]
        [--history 1000] [--latency-ms 30] [--repeat 5] [--profile] [--no-cache] [--keep]

Simulated laptops are separate data folders (each a copy of the cached demo database, then
``init`` as its own user and device) on one share folder, all under a temp folder. Every measured
step runs in a child process, so its peak memory (RSS, from ``os.wait4``) is its own; the baseline
is the child's peak after its imports and opening the database, just before the sync starts.

Writes tests/benchmarks/results/sync-latest.json plus a short table on stdout:

- push and pull of 1k, 10k and 100k field changes (``notes`` of that many contact moments):
  time, share operations and peak memory of the pushing laptop's round and of the pulling
  laptop's round (goal 10k <= 3 s; 100k adds <= 150 MB);
- a sync with nothing new on a share holding a history of 1,000 batches (goal <= 3 share
  operations, <= 50 ms), both the engine round and the whole ``sync`` command path;
- the no-op and the 10k figures again with 30 ms added per share operation (a VPN user);
- bootstrap of a new laptop from a snapshot (goal <= 30 s): the whole large demo set is written
  through the capture triggers into an empty laptop (table by table, one ``sync`` push each),
  a ``compact`` writes the snapshot and removes the change files, and a fresh laptop's first
  ``sync`` takes the snapshot (time, share operations, peak memory); ``--bootstrap-only`` runs
  just this part.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import resource
import secrets
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

GOALS = {
    "push_pull_10k_s": 3.0,
    "added_rss_100k_mb": 150.0,
    "noop_share_ops": 3,
    "noop_ms": 50.0,
    "bootstrap_s": 30.0,
}
TABLE = "contact_moment"  # 200,000 rows in the large demo set
FIELD = "notes"


# --- the child: one measured sync round ------------------------------------------------------


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def child_round(data_dir: Path, latency_s: float, repeat: int, profile: str | None) -> None:
    """Check the share, push, pull (as ``sync_once``), timing each step; prints one JSON line."""
    from vlot_desktop import paths
    from vlot_desktop.services.data_folder import open_data_folder
    from vlot_desktop.settings import load_settings
    from vlot_desktop.sync.batch import known_fields
    from vlot_desktop.sync.engine import check_share, open_sync_connection, pull, push
    from vlot_desktop.sync.share import FolderShare

    settings = load_settings(data_dir)
    assert settings.device_id and settings.share_path
    open_data_folder(data_dir)
    conn = open_sync_connection(paths.database_path(data_dir))
    conn.execute("SELECT count(*) FROM sync_outbox").fetchone()
    # The models are loaded in the app already (the sync imports them lazily): not timed here.
    known_fields()
    baseline = _rss_mb()
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    runs: list[dict[str, Any]] = []
    for _ in range(repeat):
        share = FolderShare(
            Path(settings.share_path), latency_s=latency_s, temp_tag=settings.device_id
        )
        t0 = time.perf_counter()
        check_share(share, settings.share_path)
        t1, ops1 = time.perf_counter(), share.ops
        pushed = push(conn, share, settings.device_id, settings.user_id)
        t2, ops2 = time.perf_counter(), share.ops
        pulled = pull(conn, share, settings.device_id, settings.user_id)
        t3, ops3 = time.perf_counter(), share.ops
        runs.append(
            {
                "check_s": t1 - t0,
                "push_s": t2 - t1,
                "pull_s": t3 - t2,
                "round_s": t3 - t0,
                "check_ops": ops1,
                "push_ops": ops2 - ops1,
                "pull_ops": ops3 - ops2,
                "share_ops": ops3,
                "pushed_records": pushed.pushed_records,
                "files_written": pushed.files_written,
                "pulled_records": pulled.pulled_records,
                "applied_records": pulled.applied_records,
                "files_read": pulled.files_read,
                "rejected_files": len(pulled.rejected_files),
            }
        )
    if profiler is not None and profile:
        profiler.disable()
        profiler.dump_stats(profile)
    conn.close()
    print(json.dumps({"baseline_rss_mb": baseline, "runs": runs}), flush=True)


def child_compact(data_dir: Path, latency_s: float) -> None:
    """One ``compact`` (grace 0: every covered change file goes)."""
    from vlot_desktop.services.sync_service import run_compact

    report = run_compact(data_dir, grace_days=0, latency_s=latency_s)
    print(json.dumps({"baseline_rss_mb": _rss_mb(), "runs": [report.as_json()]}), flush=True)


def child_service(data_dir: Path, latency_s: float, repeat: int, profile: str | None) -> None:
    """The whole ``sync`` command path (settings, data folder, connection, round), repeated;
    the first run is cold (fresh process: lazy imports included)."""
    from vlot_desktop.services.sync_service import run_sync

    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    reports = [run_sync(data_dir, latency_s=latency_s).as_json() for _ in range(repeat)]
    if profiler is not None and profile:
        profiler.disable()
        profiler.dump_stats(profile)
    print(json.dumps({"baseline_rss_mb": _rss_mb(), "runs": reports}), flush=True)


# --- the parent ------------------------------------------------------------------------------


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_child(args: list[str]) -> dict[str, Any]:
    """Run this script as a child; its JSON line plus its peak RSS (MB) from ``os.wait4``."""
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
        cwd=ROOT,
    )
    out, err = proc.communicate()
    if proc.returncode != 0:
        sys.stderr.write(err)
        raise SystemExit(f"child {args} failed (exit {proc.returncode})")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def run_child_rss(args: list[str]) -> dict[str, Any]:
    """Like :func:`run_child`, reaping the child with ``os.wait4`` to read its own peak RSS."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(
            [sys.executable, __file__, "--child", *args],
            stdout=out,
            stderr=err,
            text=True,
            env=_env(),
            cwd=ROOT,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            sys.stderr.write(err.read())
            raise SystemExit(f"child {args} failed (exit {proc.returncode})")
        result: dict[str, Any] = json.loads(out.read().strip().splitlines()[-1])
    result["peak_rss_mb"] = usage.ru_maxrss / 1024.0
    result["added_rss_mb"] = result["peak_rss_mb"] - result["baseline_rss_mb"]
    return result


def make_laptop(work: Path, name: str, demo_db: Path, share: Path, *, create: bool) -> Path:
    """A data folder holding a copy of the demo database, set up with ``init`` as ``name``."""
    from vlot_desktop import cli

    folder = work / name
    folder.mkdir()
    shutil.copyfile(demo_db, folder / demo_db.name)
    argv = ["--data-dir", str(folder), "init", "--user", name, "--region", "limburg"]
    argv += ["--share", str(share)] + (["--create-share"] if create else [])
    if cli.main(argv) != 0:
        raise SystemExit(f"init of {name} failed")
    return folder


def make_fresh_laptop(work: Path, name: str, share: Path, *, create: bool) -> Path:
    """An empty data folder set up with ``init`` as ``name`` (a new laptop)."""
    from vlot_desktop import cli

    folder = work / name
    argv = ["--data-dir", str(folder), "init", "--user", name, "--region", "limburg"]
    argv += ["--share", str(share)] + (["--create-share"] if create else [])
    if cli.main(argv) != 0:
        raise SystemExit(f"init of {name} failed")
    return folder


def publish_demo(laptop: Path, demo_db: Path) -> dict[str, Any]:
    """Copy every synced row of the demo set into ``laptop`` through the capture triggers (as
    if typed there), one table at a time, each pushed by a ``sync`` round."""
    from vlot_desktop.db.models import Base, synced_tables

    synced = set(synced_tables())
    tables = [t.name for t in Base.metadata.sorted_tables if t.name in synced]
    pushed = ops = 0
    started = time.perf_counter()
    for table in tables:
        conn = sqlite3.connect(laptop / "vlot.sqlite3")
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("ATTACH DATABASE ? AS demo", (f"file:{demo_db}?mode=ro",))
        columns = [r[1] for r in conn.execute(f'PRAGMA demo.table_info("{table}")')]
        names = ", ".join(f'"{c}"' for c in columns)
        with conn:
            count = conn.execute(
                f'INSERT OR IGNORE INTO main."{table}" ({names}) SELECT {names} FROM demo."{table}"'
            ).rowcount
        conn.execute("DETACH DATABASE demo")
        conn.close()
        if count:
            run = run_child(["service", "--data-dir", str(laptop), "--repeat", "1"])["runs"][0]
            pushed += run["pushed_records"]
            ops += run["share_ops"]
            print(f"    {table}: {count} rows, pushed {run['pushed_records']}", file=sys.stderr)
    return {
        "pushed_records": pushed,
        "share_ops": ops,
        "s": round(time.perf_counter() - started, 1),
    }


def bench_bootstrap(work: Path, demo_db: Path, latency_s: float) -> dict[str, Any]:
    """Publish the demo through sync, compact, and bootstrap a fresh laptop from the snapshot."""
    share = work / "share-bootstrap"
    share.mkdir()
    central = make_fresh_laptop(work, "centraal", share, create=True)
    published = publish_demo(central, demo_db)
    files = len(list((share / "changes").iterdir()))
    compacted = run_child_rss(["compact", "--data-dir", str(central)])
    c = compacted["runs"][0]
    fresh = make_fresh_laptop(work, "nieuw", share, create=False)
    boot = run_child_rss(
        ["service", "--data-dir", str(fresh), "--latency-s", str(latency_s), "--repeat", "1"]
    )
    b = boot["runs"][0]
    if not b.get("snapshot_applied"):
        raise SystemExit(f"the new laptop did not take the snapshot: {b}")
    db = fresh / "vlot.sqlite3"
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT count(*) FROM contact_moment").fetchone()[0]
    row_clocks = conn.execute("SELECT count(*) FROM sync_row_clock").fetchone()[0]
    field_clocks = conn.execute("SELECT count(*) FROM sync_field_clock").fetchone()[0]
    conn.close()
    return {
        "latency_ms": round(latency_s * 1000),
        "publish_s": published["s"],
        "publish_pushed_records": published["pushed_records"],
        "change_files_before_compact": files,
        "compact_s": c["duration_s"],
        "compact_write_s": c["write_s"],
        "compact_delete_s": c["delete_s"],
        "compact_share_ops": c["share_ops"],
        "compact_peak_rss_mb": round(compacted["peak_rss_mb"], 1),
        "snapshot_rows": c["snapshot_rows"],
        "snapshot_parts": c["snapshot_parts"],
        "snapshot_mb": round(c["snapshot_bytes"] / 1e6, 1),
        "files_deleted": c["files_deleted"],
        "bootstrap_s": b["duration_s"],
        "bootstrap_share_ops": b["share_ops"],
        "bootstrap_rows": b["snapshot_rows"],
        "bootstrap_peak_rss_mb": round(boot["peak_rss_mb"], 1),
        "contact_moments_on_new_laptop": rows,
        "new_laptop_db_mb": round(db.stat().st_size / 1e6, 1),
        # One clock per row, an exception per field only where it differs (sync/clocks.py).
        "new_laptop_row_clocks": row_clocks,
        "new_laptop_field_clocks": field_clocks,
    }


def change_fields(laptop: Path, offset: int, count: int, tag: str) -> None:
    """``count`` field changes: ``notes`` of ``count`` contact moments (captured by triggers)."""
    conn = sqlite3.connect(laptop / "vlot.sqlite3")
    with conn:
        changed = conn.execute(
            f"UPDATE {TABLE} SET {FIELD} = 'bench {tag} ' || id WHERE rowid IN "
            f"(SELECT rowid FROM {TABLE} ORDER BY rowid LIMIT ? OFFSET ?)",
            (count, offset),
        ).rowcount
    conn.close()
    if changed != count:
        raise SystemExit(f"only {changed} rows of {TABLE} to change, wanted {count}")


def synthesise_history(share: Path, laptop: Path, batches: int, devices: int) -> None:
    """``batches`` small valid batch files from ``devices`` other laptops, written with the
    batch writer straight into ``changes/`` (as if they had synced one by one)."""
    from vlot_desktop.sync.batch import CHANGES, Record, batch_name, write_batch
    from vlot_desktop.sync.capture import format_hlc

    conn = sqlite3.connect(laptop / "vlot.sqlite3")
    pks = [
        str(row[0])
        for row in conn.execute(
            f"SELECT id FROM {TABLE} ORDER BY rowid LIMIT ? OFFSET 150000", (batches * 3,)
        )
    ]
    conn.close()
    wall = int(time.time() * 1000) - batches * 60_000
    per_device = batches // devices
    n = 0
    for d in range(devices):
        device = f"0196b000-0000-7000-8000-{d:012x}"
        epoch = secrets.token_hex(4)
        for i in range(per_device if d < devices - 1 else batches - n):
            records = []
            seq0 = 3 * i + 1
            for k in range(3):
                wall += 1
                pk = pks[(n * 3 + k) % len(pks)]
                records.append(
                    Record(
                        hlc=format_hlc(wall, 0),
                        dev=device,
                        seq=seq0 + k,
                        table=TABLE,
                        pk=pk,
                        op="upsert",
                        fields={FIELD: f"history {n} {k}"},
                        base={FIELD: None},
                    )
                )
            header = {
                "device": device,
                "epoch": epoch,
                "seq_from": seq0,
                "seq_to": seq0 + 2,
                "count": 3,
                "hlc_min": records[0].hlc,
                "hlc_max": records[-1].hlc,
                "created_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
            buffer = io.BytesIO()
            write_batch(buffer, header, records)
            name = batch_name(device, epoch, seq0, seq0 + 2)
            (share / CHANGES / name).write_bytes(buffer.getvalue())
            n += 1


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return float(statistics.median(r[key] for r in runs))


def bench_push_pull(
    a: Path, b: Path, size: int, offset: int, latency_s: float, profile_dir: Path | None = None
) -> dict[str, Any]:
    """A's round pushes ``size`` field changes, B's round pulls them; under cProfile (slower:
    never the reported figures) when ``profile_dir`` is given."""
    change_fields(a, offset, size, f"{size}-{latency_s}")
    base = ["--latency-s", str(latency_s), "--repeat", "1"]
    prof_a = prof_b = []
    if profile_dir is not None:
        prof_a = ["--profile", str(profile_dir / f"push-{size}-{int(latency_s * 1000)}ms.prof")]
        prof_b = ["--profile", str(profile_dir / f"pull-{size}-{int(latency_s * 1000)}ms.prof")]
    pusher = run_child_rss(["round", "--data-dir", str(a), *base, *prof_a])
    puller = run_child_rss(["round", "--data-dir", str(b), *base, *prof_b])
    p, q = pusher["runs"][0], puller["runs"][0]
    if p["pushed_records"] < size or q["pulled_records"] < size or q["rejected_files"]:
        raise SystemExit(f"the {size} changes did not go through: {p} {q}")
    return {
        "changes": size,
        "latency_ms": round(latency_s * 1000),
        "push_s": round(p["push_s"], 3),
        "push_ops": p["push_ops"],
        "push_round_s": round(p["round_s"], 3),
        "push_round_ops": p["share_ops"],
        "push_peak_rss_mb": round(pusher["peak_rss_mb"], 1),
        "push_added_rss_mb": round(pusher["added_rss_mb"], 1),
        "pull_s": round(q["pull_s"], 3),
        "pull_ops": q["pull_ops"],
        "pull_round_s": round(q["round_s"], 3),
        "pull_round_ops": q["share_ops"],
        "pull_peak_rss_mb": round(puller["peak_rss_mb"], 1),
        "pull_added_rss_mb": round(puller["added_rss_mb"], 1),
        "push_plus_pull_s": round(p["push_s"] + q["pull_s"], 3),
        "pushed_records": p["pushed_records"],
        "pulled_records": q["pulled_records"],
        "applied_records": q["applied_records"],
    }


def bench_noop(laptop: Path, latency_s: float, repeat: int) -> dict[str, Any]:
    engine = run_child(
        ["round", "--data-dir", str(laptop), "--latency-s", str(latency_s), "--repeat", str(repeat)]
    )["runs"]
    service = run_child(
        [
            "service",
            "--data-dir",
            str(laptop),
            "--latency-s",
            str(latency_s),
            "--repeat",
            str(repeat),
        ]
    )["runs"]
    for r in engine + service:
        if r["pushed_records"] or r["pulled_records"] or r["files_read"]:
            raise SystemExit(f"the no-op sync was not a no-op: {r}")
    return {
        "latency_ms": round(latency_s * 1000),
        "engine_ms": round(_median(engine, "round_s") * 1000, 1),
        "engine_ms_max": round(max(r["round_s"] for r in engine) * 1000, 1),
        "share_ops": max(r["share_ops"] for r in engine + service),
        "ops_detail": {k: engine[0][k] for k in ("check_ops", "push_ops", "pull_ops")},
        "command_ms": round(_median(service[1:] or service, "duration_s") * 1000, 1),
        "command_first_ms": round(service[0]["duration_s"] * 1000, 1),
        "runs": repeat,
    }


def _profile_summary(path: Path, top: int = 14) -> str:
    import pstats

    out = io.StringIO()
    stats = pstats.Stats(str(path), stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats("vlot_desktop", top)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size", default="large", choices=("small", "medium", "large"))
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--history", type=int, default=1000)
    parser.add_argument("--latency-ms", type=float, default=30.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="cProfile the 10k rounds")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the temp laptops and share")
    parser.add_argument(
        "--bootstrap-only", action="store_true", help="only publish, compact and bootstrap"
    )
    parser.add_argument(
        "--skip-bootstrap", action="store_true", help="everything but the (slow) bootstrap part"
    )
    args = parser.parse_args()

    from run import demo_folder  # the foundation's runner: the same cached demo set

    folder, _ = demo_folder(args.size, use_cache=not args.no_cache)
    demo_db = folder / "vlot.sqlite3"
    sizes = [int(s) for s in args.sizes.split(",") if s]
    latency_s = args.latency_ms / 1000.0
    results: dict[str, Any] = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "size": args.size,
        "database_mb": round(demo_db.stat().st_size / 1e6, 1),
    }
    work = Path(tempfile.mkdtemp(prefix="vlot-sync-bench-"))
    profile_dir = work / "profiles" if args.profile else None
    if profile_dir is not None:
        profile_dir.mkdir()
    if args.bootstrap_only:
        try:
            results["bootstrap"] = bench_bootstrap(work, demo_db, 0.0)
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        results["goals"] = GOALS
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        out = RESULTS_DIR / "sync-bootstrap-latest.json"
        out.write_text(json.dumps(results, indent=2) + "\n")
        print(json.dumps(results["bootstrap"], indent=2))
        print(f"written to {out}")
        return 0
    try:
        share = work / "share"
        share.mkdir()
        started = time.perf_counter()
        a = make_laptop(work, "an", demo_db, share, create=True)
        b = make_laptop(work, "bart", demo_db, share, create=False)
        for laptop in (a, b, a):  # each other's user and device: a quiet starting point
            run_child(["round", "--data-dir", str(laptop), "--latency-s", "0", "--repeat", "1"])
        results["setup_s"] = round(time.perf_counter() - started, 1)

        offset = 0
        rounds = []
        for size in sizes:
            rounds.append(bench_push_pull(a, b, size, offset, 0.0))
            offset += size
            print(f"  {size} changes: {rounds[-1]}", file=sys.stderr, flush=True)
        results["push_pull"] = rounds

        started = time.perf_counter()
        synthesise_history(share, a, args.history, devices=4)
        catch_up = run_child_rss(
            ["round", "--data-dir", str(b), "--latency-s", "0", "--repeat", "1"]
        )
        run_child(["round", "--data-dir", str(a), "--latency-s", "0", "--repeat", "1"])
        history_files = len(list((share / "changes").iterdir()))
        c = catch_up["runs"][0]
        results["history"] = {
            "batches_synthesised": args.history,
            "files_on_share": history_files,
            "catch_up_files_read": c["files_read"],
            "catch_up_s": round(c["round_s"], 3),
            "catch_up_ops": c["share_ops"],
            "catch_up_peak_rss_mb": round(catch_up["peak_rss_mb"], 1),
            "build_s": round(time.perf_counter() - started, 1),
        }
        results["noop"] = bench_noop(b, 0.0, args.repeat)
        print(f"  no-op: {results['noop']}", file=sys.stderr, flush=True)
        results["noop_vpn"] = bench_noop(b, latency_s, args.repeat)
        print(f"  no-op VPN: {results['noop_vpn']}", file=sys.stderr, flush=True)
        results["push_pull_vpn"] = bench_push_pull(a, b, 10_000, offset, latency_s)
        offset += 10_000
        print(f"  10k VPN: {results['push_pull_vpn']}", file=sys.stderr, flush=True)
        if profile_dir is not None:
            # A separate pass: profiling slows the code down, so these are not the figures.
            bench_push_pull(a, b, 10_000, offset, 0.0, profile_dir)
            offset += 10_000
            run_child(
                [
                    "service",
                    "--data-dir",
                    str(b),
                    "--repeat",
                    "5",
                    "--profile",
                    str(profile_dir / "noop-command.prof"),
                ]
            )
        if not args.skip_bootstrap:
            results["bootstrap"] = bench_bootstrap(work, demo_db, 0.0)
            print(f"  bootstrap: {results['bootstrap']}", file=sys.stderr, flush=True)
        if profile_dir is not None:
            results["profiles"] = {
                p.name: _profile_summary(p) for p in sorted(profile_dir.glob("*.prof"))
            }
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)

    results["goals"] = GOALS
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "sync-latest.json").write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)
    print(f"written to {RESULTS_DIR / 'sync-latest.json'}")
    return 0


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSES"


def print_table(results: dict[str, Any]) -> None:
    rows: list[tuple[str, str, str, str]] = []
    for r in [*results["push_pull"], results.get("push_pull_vpn")]:
        if not r:
            continue
        vpn = f" +{r['latency_ms']}ms/op" if r["latency_ms"] else ""
        label = f"{r['changes'] // 1000}k{vpn}"
        total = r["push_plus_pull_s"]
        goal, verdict = "", ""
        if r["changes"] == 10_000:
            goal, verdict = "<= 3 s", _verdict(total <= GOALS["push_pull_10k_s"])
        rows.append((f"push+pull {label}", f"{total} s", goal, verdict))
        rows.append(
            (
                f"  push {label}",
                f"{r['push_s']} s, {r['push_ops']} ops, +{r['push_added_rss_mb']} MB",
                "",
                "",
            )
        )
        mem_goal, mem_verdict = "", ""
        if r["changes"] >= 100_000:
            worst = max(r["push_added_rss_mb"], r["pull_added_rss_mb"])
            mem_goal = "<= +150 MB"
            mem_verdict = _verdict(worst <= GOALS["added_rss_100k_mb"])
        rows.append(
            (
                f"  pull {label}",
                f"{r['pull_s']} s, {r['pull_ops']} ops, +{r['pull_added_rss_mb']} MB",
                mem_goal,
                mem_verdict,
            )
        )
    for key, label in (("noop", "no-op, 1,000 batches"), ("noop_vpn", "no-op +30ms/op")):
        n = results[key]
        if key == "noop_vpn":
            label = f"no-op +{n['latency_ms']}ms/op"
        ops_ok = n["share_ops"] <= GOALS["noop_share_ops"]
        if n["latency_ms"]:
            # 3 operations at 30 ms cannot take under 50 ms: only the operation count is judged.
            goal = f"<= 3 ops (floor {n['share_ops'] * n['latency_ms']} ms)"
            verdict = _verdict(ops_ok)
        else:
            goal = "<= 50 ms, <= 3 ops"
            verdict = _verdict(ops_ok and n["engine_ms"] <= GOALS["noop_ms"])
        rows.append((label, f"{n['engine_ms']} ms, {n['share_ops']} ops", goal, verdict))
        rows.append(
            (
                "  whole sync command",
                f"{n['command_ms']} ms (cold {n['command_first_ms']})",
                "<= 50 ms",
                _verdict(n["command_ms"] <= GOALS["noop_ms"]),
            )
        )
    h = results["history"]
    rows.append(
        ("catch-up of the history", f"{h['catch_up_s']} s, {h['catch_up_ops']} ops", "", "")
    )
    boot = results.get("bootstrap")
    if boot:
        rows.append(
            (
                "bootstrap new laptop",
                f"{boot['bootstrap_s']} s, {boot['bootstrap_share_ops']} ops, "
                f"{boot['bootstrap_peak_rss_mb']} MB",
                "<= 30 s",
                _verdict(boot["bootstrap_s"] <= GOALS["bootstrap_s"]),
            )
        )
        rows.append(
            (
                "  new laptop's database",
                f"{boot['new_laptop_db_mb']} MB (demo {results['database_mb']} MB)",
                "",
                "",
            )
        )
        rows.append(
            (
                "  compact (snapshot)",
                f"{boot['compact_s']} s, {boot['compact_share_ops']} ops, {boot['snapshot_mb']} MB",
                "",
                "",
            )
        )
    for name, value, goal, verdict in rows:
        print(f"{name:<28} {value:>36}  {goal:<20} {verdict}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child = argparse.ArgumentParser()
        child.add_argument("mode", choices=("round", "service", "compact"))
        child.add_argument("--data-dir", type=Path, required=True)
        child.add_argument("--latency-s", type=float, default=0.0)
        child.add_argument("--repeat", type=int, default=1)
        child.add_argument("--profile")
        opts = child.parse_args(sys.argv[2:])
        if opts.mode == "compact":
            child_compact(opts.data_dir, opts.latency_s)
        elif opts.mode == "round":
            child_round(opts.data_dir, opts.latency_s, opts.repeat, opts.profile)
        else:
            child_service(opts.data_dir, opts.latency_s, opts.repeat, opts.profile)
        sys.exit(0)
    sys.exit(main())
