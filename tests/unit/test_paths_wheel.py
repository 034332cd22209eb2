"""A normal (non-editable) wheel install finds resources/ and migrations/ inside the package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vlot_desktop import paths

REPO = Path(__file__).resolve().parents[2]


def test_the_source_checkout_finds_its_folders() -> None:
    assert paths.resources_dir() == REPO / "resources"
    assert paths.migrations_dir() == REPO / "migrations"
    assert (paths.reference_data_dir() / "municipalities.csv").is_file()
    assert (paths.migrations_dir() / "env.py").is_file()


def test_data_dir_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "env"))
    assert paths.data_dir(tmp_path / "explicit") == (tmp_path / "explicit").resolve()
    assert paths.data_dir() == (tmp_path / "env").resolve()
    monkeypatch.delenv(paths.DATA_DIR_ENV)
    assert paths.data_dir() == paths.default_data_dir()


def _run(
    args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, capture_output=True, text=True, timeout=300, cwd=cwd, env=env, check=False
    )


def test_installed_wheel_runs_from_its_own_files(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    site = tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "-q"]
    build = _run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(REPO)])
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("vlot_desktop-*.whl")
    install = _run([*pip, "install", "--no-deps", "--target", str(site), str(wheel)])
    assert install.returncode == 0, install.stderr

    # cwd=tmp_path and PYTHONPATH=site: the checkout (installed editable in this venv) must not
    # be what gets imported.
    env = {k: v for k, v in os.environ.items() if k != paths.DATA_DIR_ENV}
    env["PYTHONPATH"] = str(site)
    where = _run(
        [
            sys.executable,
            "-c",
            "import json, vlot_desktop; from vlot_desktop import paths; print(json.dumps("
            "[vlot_desktop.__file__, str(paths.resources_dir()), str(paths.migrations_dir())]))",
        ],
        cwd=tmp_path,
        env=env,
    )
    assert where.returncode == 0, where.stderr
    package_file, resources, migrations = (Path(p) for p in json.loads(where.stdout))
    package = site / "vlot_desktop"
    assert package_file == package / "__init__.py"
    assert resources == package / "_resources"
    assert migrations == package / "_migrations"
    assert (resources / "data" / "municipalities.csv").is_file()
    assert (migrations / "versions").is_dir()

    data = tmp_path / "laptop"
    init = _run(
        [
            sys.executable,
            "-m",
            "vlot_desktop",
            "--data-dir",
            str(data),
            "init",
            "--user",
            "A",
            "--region",
            "limburg",
        ],
        cwd=tmp_path,
        env=env,
    )
    assert init.returncode == 0, init.stderr
    dump = _run(
        [sys.executable, "-m", "vlot_desktop", "--data-dir", str(data), "dump"],
        cwd=tmp_path,
        env=env,
    )
    assert dump.returncode == 0, dump.stderr
    dumped = json.loads(dump.stdout)
    assert len(dumped["municipality"]) == 285
    assert dumped["checklist_template"][0]["template"] == "prospect"
