"""The command line: ``init``, ``dump``, ``--version`` and one-line errors without tracebacks."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from vlot_desktop import __version__, cli, paths
from vlot_desktop.settings import load_settings

ENTRY_POINT = Path(sys.executable).with_name("vlot-desktop")


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != paths.DATA_DIR_ENV}
    return subprocess.run(
        list(args), capture_output=True, text=True, timeout=120, cwd=cwd, env=env, check=False
    )


def _one_line_error(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith("vlot-desktop: ")
    return lines[0]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- as installed: the entry point and python -m ------------------------------------------------


def test_version_from_the_entry_point_and_python_m(tmp_path: Path) -> None:
    for command in ([str(ENTRY_POINT)], [sys.executable, "-m", "vlot_desktop"]):
        result = _run(*command, "--version", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"vlot-desktop {__version__}"


def test_entry_point_error_is_one_line(tmp_path: Path) -> None:
    result = _run(
        str(ENTRY_POINT),
        "--data-dir",
        str(tmp_path / "d"),
        "init",
        "--user",
        "An",
        "--region",
        "brussel",
    )
    assert result.returncode == 1
    assert "unknown region/team 'brussel'" in _one_line_error(result.stderr)


def test_python_m_init_then_dump(tmp_path: Path) -> None:
    folder = tmp_path / "laptop"
    result = _run(
        sys.executable,
        "-m",
        "vlot_desktop",
        "--data-dir",
        str(folder),
        "init",
        "--user",
        "Олена Коваль",
        "--region",
        "antwerpen",
    )
    assert result.returncode == 0, result.stderr
    dumped = _run(sys.executable, "-m", "vlot_desktop", "--data-dir", str(folder), "dump")
    assert dumped.returncode == 0, dumped.stderr
    assert [u["name"] for u in json.loads(dumped.stdout)["staff_user"]] == ["Олена Коваль"]


# --- in-process (fast) --------------------------------------------------------------------------


def test_init_sets_up_the_laptop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data"
    assert (
        cli.main(
            [
                "--data-dir",
                str(folder),
                "init",
                "--user",
                "An Peeters",
                "--region",
                "limburg",
                "--share",
                "/mnt/vlot",
            ]
        )
        == 0
    )
    assert "An Peeters" in capsys.readouterr().out
    settings = load_settings(folder)
    assert settings.is_configured
    assert (settings.user_name, settings.team_code, settings.share_path) == (
        "An Peeters",
        "limburg",
        "/mnt/vlot",
    )

    assert cli.main(["--data-dir", str(folder), "dump"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["staff_user"][0]["id"] == settings.user_id
    assert data["staff_user"][0]["name"] == "An Peeters"
    assert data["device"][0]["id"] == settings.device_id
    assert len(data["municipality"]) == 285


def test_data_dir_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "from-env"
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(folder))
    assert cli.main(["init", "--user", "An", "--region", "centraal"]) == 0
    assert load_settings(folder).team_code == "centraal"
    # --data-dir wins over the environment.
    other = tmp_path / "explicit"
    assert cli.main(["--data-dir", str(other), "init", "--user", "An", "--region", "limburg"]) == 0
    assert load_settings(other).team_code == "limburg"
    assert load_settings(folder).team_code == "centraal"


def _fails(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert cli.main(list(argv)) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    return _one_line_error(captured.err)


def test_unknown_region(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "data"
    line = _fails(capsys, "--data-dir", str(folder), "init", "--user", "An", "--region", "gent")
    assert "unknown region/team 'gent'" in line and "oost-vlaanderen" in line
    assert not paths.settings_path(folder).exists()


def test_empty_user_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = _fails(capsys, "--data-dir", str(tmp_path), "init", "--user", " ", "--region", "limburg")
    assert "empty" in line


def test_unwritable_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A folder under a regular file cannot be created, even by root.
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    folder = blocker / "data"
    line = _fails(capsys, "--data-dir", str(folder), "init", "--user", "An", "--region", "limburg")
    assert "not writable" in line and str(folder) in line
    assert blocker.read_text() == "not a folder"


@pytest.mark.parametrize("command", ["init", "dump"])
def test_not_a_database(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    db = paths.database_path(tmp_path)
    db.write_text("Boodschappenlijst: brood, melk\n", encoding="utf-8")
    before = _sha256(db)
    argv = ["--data-dir", str(tmp_path), command]
    if command == "init":
        argv += ["--user", "An", "--region", "limburg"]
    line = _fails(capsys, *argv)
    assert "not a VLOT Desktop database" in line
    assert _sha256(db) == before
    assert sorted(os.listdir(tmp_path)) == ["vlot.sqlite3"]


@pytest.mark.parametrize("command", ["init", "dump"])
def test_newer_database(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    assert (
        cli.main(["--data-dir", str(tmp_path), "init", "--user", "An", "--region", "limburg"]) == 0
    )
    capsys.readouterr()
    db = paths.database_path(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    before = _sha256(db)
    argv = ["--data-dir", str(tmp_path), command]
    if command == "init":
        argv += ["--user", "Bart", "--region", "centraal"]
    line = _fails(capsys, *argv)
    assert "newer version" in line and "update the application" in line
    assert _sha256(db) == before
    assert load_settings(tmp_path).user_name == "An"


def test_dump_of_an_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = _fails(capsys, "--data-dir", str(tmp_path), "dump")
    assert "no database" in line and "init" in line
    assert os.listdir(tmp_path) == []


def test_dump_of_an_empty_database_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conn = sqlite3.connect(paths.database_path(tmp_path))
    conn.execute("PRAGMA user_version = 1")  # a valid SQLite file without tables
    conn.commit()
    conn.close()
    line = _fails(capsys, "--data-dir", str(tmp_path), "dump")
    assert "run 'init' or 'demo' first" in line
