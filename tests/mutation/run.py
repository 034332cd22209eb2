"""Mutation testing: put small bugs into the code, one at a time, and see whether a test fails.

Run it with ``installer/dev.sh mutate [PATH...]`` (docs/testing.md). The tool is mutmut 3: it
copies the package into ``mutants/``, writes every mutant as a variant of its function, and
runs, per mutant, only the tests that reached that function in a first clean run.

This script never touches the working tree: it copies the package, resources, migrations,
pyproject.toml and tests/ into ``.mutation-work/`` (git ignores it), runs mutmut there, and
then writes the score per file and every surviving mutant to
``tests/mutation/results/latest.json`` and ``latest.md``. Files of an earlier run that this
run did not mutate keep their row. Survivors listed in ``equivalent.toml`` (a mutant that
cannot change what the code does) are marked as such, with the reason.

Which tests judge which file: ``targets.toml``.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
WORK = ROOT / ".mutation-work"
RESULTS = HERE / "results"
PACKAGE = "vlot_desktop"
TARGET_SCORE = 90.0

# mutmut's verdicts (mutmut.stats.status_by_exit_code) grouped the way the score counts them.
CAUGHT = {"killed", "timeout", "caught by type check"}
MISSED = {"survived", "no tests", "suspicious", "segfault"}
NOT_COUNTED = {"skipped"}


# A pytest plugin for the mutation run only. Hypothesis normally shrinks a failing example to
# the smallest one, which can take hundreds of runs: for a mutant any failure is enough. No
# example database (a failure found for one mutant must not be replayed for the next) and a
# fixed order of examples, so that two runs over the same code give the same score.
PROFILE_PLUGIN = "vlot_mutation_profile"
HYPOTHESIS_PROFILE = """\
from hypothesis import Phase, settings

settings.register_profile(
    "mutation", phases=[Phase.explicit, Phase.generate], database=None, derandomize=True
)
settings.load_profile("mutation")
"""


@dataclass
class Target:
    path: str
    tests: list[str]
    env: dict[str, str] = field(default_factory=dict)


@dataclass
class Selection:
    files: list[str]
    tests: list[str]
    env: dict[str, str]


# -- what to mutate, with which tests --------------------------------------------------------


def load_targets() -> tuple[list[str], list[Target]]:
    data = tomllib.loads((HERE / "targets.toml").read_text(encoding="utf-8"))
    targets = [
        Target(t["path"].rstrip("/"), list(t["tests"]), dict(t.get("env", {})))
        for t in data["target"]
    ]
    return list(data["default"]), targets


def source_files(path: str) -> list[str]:
    """The Python files of a PATH argument, relative to the repository, in a stable order."""
    full = (ROOT / path).resolve()
    try:
        relative = full.relative_to(ROOT)
    except ValueError:
        raise SystemExit(f"{path}: not inside the repository") from None
    if relative.parts[:1] != (PACKAGE,):
        raise SystemExit(f"{path}: only files under {PACKAGE}/ can be mutated")
    if full.is_dir():
        files = sorted(full.rglob("*.py"))
    elif full.suffix == ".py" and full.is_file():
        files = [full]
    else:
        raise SystemExit(f"{path}: no such Python file or folder")
    return [f.relative_to(ROOT).as_posix() for f in files if "__pycache__" not in f.parts]


def module_name(file: str) -> str:
    return file.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def tests_importing(file: str) -> list[str]:
    """Test files under tests/unit and tests/sync that import ``file``'s module."""
    module = module_name(file)
    package, _, name = module.rpartition(".")
    pattern = re.compile(
        rf"(\b{re.escape(module)}\b)|(from {re.escape(package)} import [^\n]*\b{re.escape(name)}\b)"
    )
    found = []
    for folder in ("tests/unit", "tests/sync"):
        for test in sorted((ROOT / folder).rglob("test_*.py")):
            if pattern.search(test.read_text(encoding="utf-8")):
                found.append(test.relative_to(ROOT).as_posix())
    return found


def select(paths: list[str], targets: list[Target]) -> Selection:
    files: list[str] = []
    tests: list[str] = []
    env: dict[str, str] = {}
    for path in paths:
        for file in source_files(path):
            if file in files:
                continue
            files.append(file)
            matching = [t for t in targets if file == t.path or file.startswith(t.path + "/")]
            if matching:
                target = max(matching, key=lambda t: len(t.path))
                chosen, env_here = target.tests, target.env
            else:
                chosen, env_here = tests_importing(file), {}
                print(f"{file}: no target in targets.toml; tests that import it: {chosen}")
            for test in chosen:
                if not (ROOT / test).exists():
                    print(f"warning: {test} (targets.toml) does not exist; left out")
                elif test not in tests:
                    tests.append(test)
            env.update(env_here)
    if not tests:
        raise SystemExit("no tests found for these files: add a [[target]] to targets.toml")
    return Selection(files, tests, env)


# -- the run -----------------------------------------------------------------------------------


def _ignore_copy(folder: str, names: list[str]) -> set[str]:
    skipped = {"__pycache__", ".pytest_cache", ".hypothesis", ".cache", "results"}
    ignored = {n for n in names if n in skipped or n.endswith(".pyc")}
    if Path(folder).resolve() == ROOT / "tests":
        ignored |= {"mutation", "benchmarks"}
    return ignored


def prepare_work(selection: Selection) -> None:
    """A private copy of what the tests need, and mutmut's settings for this run."""
    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir()
    for name in (PACKAGE, "resources", "migrations", "tests"):
        shutil.copytree(ROOT / name, WORK / name, ignore=_ignore_copy)
    shutil.copy2(ROOT / "pyproject.toml", WORK / "pyproject.toml")

    def lines(values: list[str]) -> str:
        return "".join(f"\n    {v}" for v in values)

    (WORK / f"{PROFILE_PLUGIN}.py").write_text(HYPOTHESIS_PROFILE, encoding="utf-8")
    # pyproject.toml has no [tool.mutmut]: mutmut then reads setup.cfg. mutmut copies
    # also_copy into mutants/, which it puts first on sys.path: "-p" finds the plugin there.
    (WORK / "setup.cfg").write_text(
        "[mutmut]\n"
        f"source_paths = {PACKAGE}\n"
        f"only_mutate ={lines(selection.files)}\n"
        f"also_copy ={lines(['resources', 'migrations', PROFILE_PLUGIN + '.py'])}\n"
        f"pytest_add_cli_args ={lines(['-p', PROFILE_PLUGIN])}\n"
        f"pytest_add_cli_args_test_selection ={lines(selection.tests)}\n",
        encoding="utf-8",
    )


def run_mutmut(jobs: int, env: dict[str, str]) -> tuple[int, float]:
    log = WORK / "mutmut.log"
    command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs)]
    started = time.monotonic()
    full_env = {**os.environ, **env, "QT_QPA_PLATFORM": "offscreen"}
    if sys.stdout.isatty():
        code = subprocess.call(command, cwd=WORK, env=full_env)
    else:
        with log.open("w", encoding="utf-8") as out:
            code = subprocess.call(command, cwd=WORK, env=full_env, stdout=out, stderr=out)
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:].split("\r")[-1]
        print(tail.strip())
    return code, time.monotonic() - started


# -- reading the verdicts ------------------------------------------------------------------------


def _functions(source: str) -> dict[str, tuple[int, list[str]]]:
    """Every function of a module by name: its first line number and its lines."""
    tree = ast.parse(source)
    lines = source.splitlines()
    found: dict[str, tuple[int, list[str]]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno:
            found.setdefault(node.name, (node.lineno, lines[node.lineno - 1 : node.end_lineno]))
    return found


def _base_name(mutant_function: str) -> str:
    """``x_urgency__mutmut_5`` -> ``urgency``; ``xǁLabelledEnumǁlabel__mutmut_2`` -> ``label``."""
    name = re.sub(r"__mutmut_(\d+|orig)$", "", mutant_function)
    return name.rpartition("ǁ")[2] if "ǁ" in name else name.removeprefix("x_")


def describe_mutants(file: str, keys: list[str]) -> list[dict[str, Any]]:
    """Where each mutant is (line, function) and what it changed (the lines before and after)."""
    mutated = _functions((WORK / "mutants" / file).read_text(encoding="utf-8"))
    original = _functions((WORK / file).read_text(encoding="utf-8"))
    described = []
    for key in keys:
        short = key.rpartition(".")[2]
        orig_name = re.sub(r"__mutmut_\d+$", "__mutmut_orig", short)
        function = _base_name(short)
        entry: dict[str, Any] = {"mutant": short, "function": function}
        if short in mutated and orig_name in mutated:
            before = mutated[orig_name][1]
            after = [line.replace(short, orig_name) for line in mutated[short][1]]
            removed, added, first = [], [], None
            for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after).get_opcodes():
                if op == "equal":
                    continue
                first = i1 if first is None else first
                removed += [line.strip() for line in before[i1:i2]]
                added += [line.strip() for line in after[j1:j2]]
            start = original.get(function, (0, []))[0]
            entry["line"] = start + (first or 0) if start else None
            entry["before"] = " / ".join(removed)
            entry["after"] = " / ".join(added)
        described.append(entry)
    return described


def load_equivalents() -> list[dict[str, str]]:
    path = HERE / "equivalent.toml"
    if not path.exists():
        return []
    return list(tomllib.loads(path.read_text(encoding="utf-8")).get("equivalent", []))


def _equivalent_reason(
    file: str, mutant: dict[str, Any], known: list[dict[str, str]]
) -> str | None:
    for entry in known:
        if (
            entry["file"] == file
            and entry["function"] == mutant["function"]
            # An entry without before/after covers every mutant of the function.
            and entry.get("before", mutant.get("before")) == mutant.get("before")
            and entry.get("after", mutant.get("after")) == mutant.get("after")
        ):
            return entry["reason"]
    return None


def collect(files: list[str]) -> dict[str, dict[str, Any]]:
    from mutmut.stats import status_by_exit_code

    known = load_equivalents()
    report: dict[str, dict[str, Any]] = {}
    for file in files:
        meta = WORK / "mutants" / (file + ".meta")
        if not meta.exists():
            continue
        verdicts = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if not verdicts:
            continue
        status = {key: status_by_exit_code[code] for key, code in verdicts.items()}
        counts = Counter(status.values())
        missed_keys = [k for k, s in status.items() if s in MISSED]
        survivors = describe_mutants(file, missed_keys)
        for mutant, key in zip(survivors, missed_keys, strict=True):
            mutant["status"] = status[key]
            reason = _equivalent_reason(file, mutant, known)
            if reason:
                mutant["equivalent"] = reason
        total = len(status) - sum(counts[s] for s in NOT_COUNTED)
        caught = sum(counts[s] for s in CAUGHT)
        equivalent = sum(1 for m in survivors if "equivalent" in m)
        report[file] = {
            "mutants": total,
            "killed": caught,
            "survived": counts["survived"],
            "no_tests": counts["no tests"],
            "other_missed": counts["suspicious"] + counts["segfault"],
            "equivalent": equivalent,
            "score": round(100 * caught / total, 1) if total else None,
            "score_without_equivalent": (
                round(100 * caught / (total - equivalent), 1) if total > equivalent else None
            ),
            "survivors": survivors,
        }
    return report


# -- the results file --------------------------------------------------------------------------


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def write_results(report: dict[str, dict[str, Any]], run: dict[str, Any]) -> None:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / "latest.json"
    previous: dict[str, Any] = {}
    if path.exists():
        previous = json.loads(path.read_text(encoding="utf-8")).get("files", {})
    files = dict(previous)
    for file, entry in report.items():
        changed = bool(_git("status", "--porcelain", "--", file))
        files[file] = {**entry, "run": {**run, "file_differs_from_commit": changed}}
    data = {"tool": run["tool"], "target_score": TARGET_SCORE, "files": dict(sorted(files.items()))}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (RESULTS / "latest.md").write_text(render_markdown(data), encoding="utf-8")


def _minutes(seconds: float) -> str:
    return f"{int(seconds // 60)} min {int(seconds % 60):02d} s"


def render_markdown(data: dict[str, Any]) -> str:
    out = [
        "# Mutation testing: latest results",
        "",
        "Written by `installer/dev.sh mutate` (tests/mutation/run.py; how to read it: "
        "docs/testing.md). Score = mutants caught by a test / all mutants; the target is "
        f"{data['target_score']:.0f} %. A survivor is a change of the code that no test noticed.",
        "",
        "| file | mutants | caught | survived | no test reached it | equivalent | score "
        "| score without equivalent | run |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for file, e in data["files"].items():
        run = e["run"]
        mark = "" if (e["score"] or 0) >= data["target_score"] else " (below target)"
        out.append(
            f"| `{file}` | {e['mutants']} | {e['killed']} | {e['survived']} | {e['no_tests']} "
            f"| {e['equivalent']} | {e['score']} %{mark} | {e['score_without_equivalent']} % "
            f"| {run['date']}, {run['commit']}{'+' if run['file_differs_from_commit'] else ''} |"
        )
    out += ["", "Runs (wall time on the machine that ran them):", ""]
    runs = {json.dumps(e["run"]["paths"]): e["run"] for e in data["files"].values()}
    for run in runs.values():
        out.append(
            f"- {run['date']}: `{' '.join(run['paths'])}`: {_minutes(run['wall_seconds'])}, "
            f"{run['jobs']} parallel on {run['cpus']} cores, mutmut {run['tool_version']}; "
            f"tests: {', '.join(f'`{t}`' for t in run['tests'])}"
        )
    out += ["", "## Surviving mutants", ""]
    for file, e in data["files"].items():
        if not e["survivors"]:
            continue
        out += [f"### `{file}`", ""]
        for m in e["survivors"]:
            where = f"line {m['line']}" if m.get("line") else "?"
            verdict = f"**equivalent**: {m['equivalent']}" if "equivalent" in m else m["status"]
            out.append(
                f"- {where}, `{m['function']}` ({m['mutant']}): `{m.get('before', '')}` → "
                f"`{m.get('after', '')}` — {verdict}"
            )
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("paths", nargs="*", help="files or folders under vlot_desktop/")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument(
        "--fail-under",
        type=float,
        default=None,
        help="exit 1 when a file's score (without equivalents) is below this percentage",
    )
    parser.add_argument(
        "--tests",
        nargs="+",
        metavar="TEST",
        help="judge the mutants with these test files instead of those of targets.toml",
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="no new run: write the results of the last run again (after editing equivalent.toml)",
    )
    args = parser.parse_args(argv)
    last_run = WORK / "run.json"
    if args.report_only:
        if not last_run.exists():
            raise SystemExit("no earlier run in .mutation-work/ to report on")
        run = json.loads(last_run.read_text(encoding="utf-8"))
        files: list[str] = run.pop("files")
        seconds = float(run["wall_seconds"])
    else:
        default, targets = load_targets()
        paths = args.paths or default
        selection = select(paths, targets)
        if args.tests:
            selection.tests = args.tests
        print(f"Mutating {len(selection.files)} file(s); tests: {' '.join(selection.tests)}")
        prepare_work(selection)
        code, seconds = run_mutmut(args.jobs, selection.env)
        if code != 0:
            log = WORK / "mutmut.log"
            print(f"mutmut stopped with exit code {code}; see {log}", file=sys.stderr)
            return code
        import mutmut

        files = selection.files
        run = {
            "date": dt.date.today().isoformat(),
            "commit": _git("rev-parse", "--short", "HEAD"),
            "paths": paths,
            "tests": selection.tests,
            "wall_seconds": round(seconds),
            "jobs": args.jobs,
            "cpus": os.cpu_count(),
            "tool": "mutmut",
            "tool_version": getattr(mutmut, "__version__", "?"),
        }
        last_run.write_text(json.dumps({**run, "files": files}, indent=2), encoding="utf-8")
    report = collect(files)
    write_results(report, run)
    print(f"\n{'file':<45} {'mutants':>7} {'caught':>7} {'score':>7}  without equivalent")
    low = []
    for file, e in report.items():
        print(
            f"{file:<45} {e['mutants']:>7} {e['killed']:>7} {e['score']:>6}%  "
            f"{e['score_without_equivalent']}%"
        )
        if args.fail_under is not None and (e["score_without_equivalent"] or 0) < args.fail_under:
            low.append(file)
    print(f"\nWall time {_minutes(seconds)}. Survivors: {RESULTS / 'latest.md'}")
    print(f"Inspect one: cd {WORK.name} && {sys.executable} -m mutmut show <mutant>")
    if low:
        print(f"Below {args.fail_under} %: {', '.join(low)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
