"""First-run set-up (``init``) and the per-laptop settings file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from vlot_desktop import paths
from vlot_desktop.services.setup import UnknownTeamError, initialise_laptop
from vlot_desktop.settings import Settings, load_settings, save_settings


def _rows(data_dir: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(paths.database_path(data_dir))
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_init_creates_user_device_and_settings(data_dir: Path) -> None:
    settings = initialise_laptop(data_dir, "  An Peeters ", "Limburg", r"\\server\vlot")

    assert settings.is_configured
    assert load_settings(data_dir) == settings
    assert (settings.user_name, settings.team_code) == ("An Peeters", "limburg")
    assert settings.share_path == r"\\server\vlot"
    assert _rows(data_dir, "SELECT id, name, team_code FROM staff_user") == [
        (settings.user_id, "An Peeters", "limburg")
    ]
    assert _rows(data_dir, "SELECT id, user_id FROM device") == [
        (settings.device_id, settings.user_id)
    ]


def test_init_again_updates_the_same_user_and_device(data_dir: Path) -> None:
    first = initialise_laptop(data_dir, "An Peeters", "limburg", r"\\server\vlot")
    second = initialise_laptop(data_dir, "An Peeters-Janssens", "centraal")

    assert (second.user_id, second.device_id) == (first.user_id, first.device_id)
    assert second.share_path == r"\\server\vlot"  # not given: kept
    assert _rows(data_dir, "SELECT name, team_code FROM staff_user") == [
        ("An Peeters-Janssens", "centraal")
    ]
    assert _rows(data_dir, "SELECT count(*) FROM device") == [(1,)]
    assert initialise_laptop(data_dir, "An", "centraal", "").share_path is None  # "" clears


def test_unknown_team_is_refused_with_the_choices(data_dir: Path) -> None:
    with pytest.raises(UnknownTeamError) as caught:
        initialise_laptop(data_dir, "An Peeters", "brussel")
    assert "brussel" in str(caught.value)
    assert "west-vlaanderen" in str(caught.value)
    assert not paths.settings_path(data_dir).exists()
    # A typo in the team must not even create a database.
    assert not paths.database_path(data_dir).exists()


def test_an_empty_name_is_refused(data_dir: Path) -> None:
    with pytest.raises(ValueError, match="empty"):
        initialise_laptop(data_dir, "   ", "limburg")
    assert not paths.settings_path(data_dir).exists()


def test_settings_survive_a_round_trip_and_leave_no_temp_file(tmp_path: Path) -> None:
    settings = Settings(user_name="Олена", team_code="antwerpen", sync_interval_minutes=5)
    save_settings(tmp_path, settings)
    assert load_settings(tmp_path) == settings
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]
    assert "Олена" in paths.settings_path(tmp_path).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "content",
    ["{not json", "[1, 2]", '"text"', "\udcff"],
    ids=["broken", "list", "string", "undecodable"],
)
def test_an_unreadable_settings_file_means_not_configured(tmp_path: Path, content: str) -> None:
    paths.settings_path(tmp_path).write_bytes(content.encode("utf-8", errors="surrogateescape"))
    settings = load_settings(tmp_path)
    assert settings == Settings()
    assert not settings.is_configured


def test_unknown_keys_and_languages_are_ignored(tmp_path: Path) -> None:
    paths.settings_path(tmp_path).write_text(
        json.dumps({"user_name": "An", "language": "fr", "from_the_future": 1}), encoding="utf-8"
    )
    settings = load_settings(tmp_path)
    assert settings.user_name == "An"
    assert settings.language == "nl"
