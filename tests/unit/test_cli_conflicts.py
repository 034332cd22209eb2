"""``vlot-desktop conflicts [--json]``: the open conflicts of the Conflicten screen, without GUI.

Two laptops set up with ``init`` on one share folder make concurrent edits, as in
``tests/sync/test_sync_laptops.py`` (whose ``Laptop`` this file repeats in small: tests/unit
does not import from tests/sync).
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

import vlot_desktop
from vlot_desktop import cli, paths
from vlot_desktop.db.queries import sync as sync_queries
from vlot_desktop.services.sync_service import run_sync
from vlot_desktop.settings import load_settings

ORG = "0196a000-0000-7000-8000-0000000000aa"
STAMP = "2026-11-26 09:00:00.000000"


class Laptop:
    """A laptop set up with ``init`` on the shared folder."""

    def __init__(self, root: Path, name: str, share: Path, *, create: bool = False) -> None:
        self.dir = root / name
        argv = ["--data-dir", str(self.dir), "init", "--user", name, "--region", "limburg"]
        argv += ["--share", str(share)] + (["--create-share"] if create else [])
        assert cli.main(argv) == 0
        self.db = paths.database_path(self.dir)
        self.device_id = load_settings(self.dir).device_id

    def sync(self) -> None:
        run_sync(self.dir)

    def sql(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        conn = sqlite3.connect(self.db)
        try:
            with conn:
                return conn.execute(sql, params).fetchall()
        finally:
            conn.close()


@pytest.fixture
def an(tmp_path: Path) -> Laptop:
    share = tmp_path / "share"
    share.mkdir()
    return Laptop(tmp_path, "an", share, create=True)


@pytest.fixture
def bart(tmp_path: Path, an: Laptop) -> Laptop:
    return Laptop(tmp_path, "bart", tmp_path / "share")


def add_org(laptop: Laptop) -> None:
    laptop.sql(
        "INSERT INTO organisation (id, name, kind, created_at, updated_at) "
        "VALUES (?, 'OCMW Hasselt', 'ocmw', ?, ?)",
        ORG,
        STAMP,
        STAMP,
    )


def sync_all(*laptops: Laptop) -> None:
    for _ in range(2):
        for laptop in laptops:
            laptop.sync()


def name_conflict(an: Laptop, bart: Laptop) -> None:
    """An and Bart rename the same organisation before their laptops synchronise."""
    add_org(an)
    sync_all(an, bart)
    an.sql("UPDATE organisation SET name = 'Версія Ан' WHERE id = ?", ORG)
    bart.sql("UPDATE organisation SET name = 'Versie Bart' WHERE id = ?", ORG)
    sync_all(bart, an)


def conflicts_json(laptop: Laptop, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert cli.main(["--data-dir", str(laptop.dir), "conflicts", "--json"]) == 0
    out = capsys.readouterr().out
    document = json.loads(out)
    assert list(document) == ["conflicts"]
    conflicts: list[dict[str, Any]] = document["conflicts"]
    return conflicts


def conflicts_text(laptop: Laptop, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert cli.main(["--data-dir", str(laptop.dir), "conflicts"]) == 0
    return capsys.readouterr().out


SIDE_KEYS = ["current", "device_id", "text", "user_name", "value", "written_at"]
CONFLICT_KEYS = [
    "field",
    "field_label",
    "id",
    "kind",
    "mine",
    "record_id",
    "record_name",
    "table",
    "table_label",
    "theirs",
]


def test_a_field_conflict_is_listed_with_both_values_who_and_when(
    an: Laptop, bart: Laptop, capsys: pytest.CaptureFixture[str]
) -> None:
    name_conflict(an, bart)
    (conflict,) = conflicts_json(an, capsys)
    assert sorted(conflict) == CONFLICT_KEYS
    assert sorted(conflict["mine"]) == sorted(conflict["theirs"]) == SIDE_KEYS
    assert conflict["kind"] == "field"
    assert (conflict["table"], conflict["table_label"]) == ("organisation", "Organisation")
    assert (conflict["field"], conflict["field_label"]) == ("name", "Name")
    assert conflict["record_id"] == ORG
    mine, theirs = conflict["mine"], conflict["theirs"]
    # On An's laptop "this laptop" is An's write, whichever of the two won.
    assert (mine["value"], mine["text"], mine["user_name"]) == ("Версія Ан",) * 2 + ("an",)
    assert (theirs["value"], theirs["user_name"]) == ("Versie Bart", "bart")
    assert (mine["device_id"], theirs["device_id"]) == (an.device_id, bart.device_id)
    assert mine["current"] != theirs["current"]
    winner = mine if mine["current"] else theirs
    assert conflict["record_name"] == winner["value"]
    assert an.sql("SELECT name FROM organisation") == [(winner["value"],)]
    for side in (mine, theirs):
        written = dt.datetime.fromisoformat(side["written_at"])
        assert written.tzinfo is not None
        assert abs((dt.datetime.now(dt.UTC) - written).total_seconds()) < 600

    # Bart's laptop lists the same conflict the other way round.
    (on_bart,) = conflicts_json(bart, capsys)
    assert on_bart["mine"]["value"] == "Versie Bart"
    assert on_bart["theirs"]["value"] == "Версія Ан"
    assert on_bart["mine"]["current"] == theirs["current"]

    text = conflicts_text(an, capsys)
    assert text.startswith("1 open conflict:\n")
    assert f'Organisation "{winner["value"]}" (id {ORG})' in text
    assert "  Field:        Name\n" in text
    assert "  This laptop:  Версія Ан  (an, " in text
    assert "  Other:        Versie Bart  (bart, " in text
    assert text.count("<- current value") == 1


def test_a_record_deleted_here_and_changed_there_is_its_own_kind(
    an: Laptop, bart: Laptop, capsys: pytest.CaptureFixture[str]
) -> None:
    add_org(an)
    sync_all(an, bart)
    an.sql("DELETE FROM organisation WHERE id = ?", ORG)
    bart.sql("UPDATE organisation SET notes = 'toch nog nodig' WHERE id = ?", ORG)  # later
    sync_all(an, bart)
    (conflict,) = conflicts_json(an, capsys)
    assert conflict["kind"] == "deleted_record"
    assert (conflict["field"], conflict["field_label"]) == ("(deleted)", "(deleted record)")
    assert conflict["record_name"] == "OCMW Hasselt"
    # An deleted it: "this laptop" is the delete; the record is kept with Bart's edit.
    mine, theirs = conflict["mine"], conflict["theirs"]
    assert (mine["text"], mine["user_name"], mine["current"]) == ("deleted", "an", False)
    assert (theirs["text"], theirs["user_name"]) == ("kept (edited)", "bart")
    assert theirs["current"] is True
    assert mine["value"] is None and theirs["value"] is None

    text = conflicts_text(an, capsys)
    assert 'Organisation "OCMW Hasselt" (id ' in text
    assert "  Field:        (deleted record)\n" in text
    assert "  Deleted on one laptop and changed later on another, so it was kept.\n" in text
    assert "  This laptop:  deleted  (an, " in text
    assert "  Other:        kept (edited)  (bart, " in text


def test_an_edit_lost_to_a_delete_is_its_own_kind_with_the_edited_fields(
    an: Laptop, bart: Laptop, capsys: pytest.CaptureFixture[str]
) -> None:
    add_org(an)
    sync_all(an, bart)
    # Offline: Bart adds a note; a little later An, not knowing it, deletes the organisation.
    bart.sql("UPDATE organisation SET notes = 'nieuw telefoonnummer' WHERE id = ?", ORG)
    time.sleep(0.005)  # later on the hybrid clock (a tie is broken by device id)
    an.sql("DELETE FROM organisation WHERE id = ?", ORG)
    sync_all(an, bart)
    assert an.sql("SELECT count(*) FROM organisation") == [(0,)]  # the delete won
    today = dt.date.today().isoformat()
    (conflict,) = conflicts_json(bart, capsys)
    assert sorted(conflict) == CONFLICT_KEYS
    assert conflict["kind"] == "edited_record"
    assert (conflict["field"], conflict["field_label"]) == ("(edited)", "edited, deleted elsewhere")
    # The record is gone; its name is the one it had when deleted.
    assert conflict["record_name"] == "OCMW Hasselt" and conflict["record_id"] == ORG
    # On Bart's laptop "this laptop" is his edit; the other side is the delete that won.
    mine, theirs = conflict["mine"], conflict["theirs"]
    assert mine["value"] == {"notes": "nieuw telefoonnummer"}
    assert (mine["text"], mine["user_name"], mine["current"]) == (
        "Notes: nieuw telefoonnummer",
        "bart",
        False,
    )
    assert (mine["device_id"], theirs["device_id"]) == (bart.device_id, an.device_id)
    assert theirs["value"] is None
    assert (theirs["text"], theirs["user_name"], theirs["current"]) == (
        f"deleted by an on {today}",
        "an",
        True,
    )
    assert theirs["written_at"] >= mine["written_at"]  # (to the second)

    # An's laptop lists the same conflict the other way round.
    (on_an,) = conflicts_json(an, capsys)
    assert on_an["kind"] == "edited_record" and on_an["record_name"] == "OCMW Hasselt"
    assert on_an["mine"]["text"] == f"deleted by an on {today}"
    assert on_an["theirs"]["value"] == {"notes": "nieuw telefoonnummer"}

    text = conflicts_text(bart, capsys)
    assert text.startswith("1 open conflict:\n")
    assert f'Organisation "OCMW Hasselt" (id {ORG})' in text
    assert "  Field:        edited, deleted elsewhere\n" in text
    assert "  Deleted by someone who had not seen this change; the deletion won.\n" in text
    assert "  Restore the record with the change in the application (Conflicten).\n" in text
    assert "  This laptop:  Notes: nieuw telefoonnummer  (bart, " in text
    assert f"  Other:        deleted by an on {today}  (an, " in text
    assert text.count("<- current value") == 1


def test_the_edited_fields_read_as_the_screen_shows_them() -> None:
    values = {"name": "OCMW Hasselt-Genk", "active": False, "notes": None}
    assert sync_queries.edit_text(values) == "Name: OCMW Hasselt-Genk; Active: no; Notes: (empty)"
    assert sync_queries.edit_text({"capacity": 12}, separator="\n") == "capacity: 12"
    side = sync_queries.ConflictSide(None, "dev", None, None)
    assert sync_queries.deleted_text(side) == "deleted"
    side = sync_queries.ConflictSide(None, "dev", "An", dt.datetime(2026, 11, 26, 9, 5))
    assert sync_queries.deleted_text(side) == "deleted by An on 2026-11-26"


def test_no_conflicts(an: Laptop, capsys: pytest.CaptureFixture[str]) -> None:
    add_org(an)
    an.sync()
    assert conflicts_text(an, capsys) == "No open conflicts.\n"
    assert conflicts_json(an, capsys) == []


def test_a_folder_without_a_database_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "empty"
    assert cli.main(["--data-dir", str(folder), "conflicts"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"vlot-desktop: no database in {folder} (run 'init' or 'demo' first)\n"
    assert not folder.exists()


def _screen_labels(name: str) -> dict[str, str]:
    """The source texts of ``_TABLES`` or ``_FIELDS`` in ui/sync_labels.py, read without Qt."""
    source = Path(vlot_desktop.__file__).with_name("ui").joinpath("sync_labels.py")
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == name
        ):
            assert isinstance(node.value, ast.Dict)
            labels = {}
            for key, value in zip(node.value.keys, node.value.values, strict=True):
                assert isinstance(key, ast.Constant) and isinstance(value, ast.Lambda)
                call = value.body
                assert isinstance(call, ast.Call) and isinstance(call.args[1], ast.Constant)
                labels[key.value] = call.args[1].value
            return labels
    raise AssertionError(f"{name} not found in {source}")


def test_the_labels_are_the_screens() -> None:
    assert _screen_labels("_TABLES") == sync_queries.TABLE_LABELS
    assert _screen_labels("_FIELDS") == sync_queries.FIELD_LABELS
    model = Path(vlot_desktop.__file__).parent / "ui" / "models" / "conflict_model.py"
    source = model.read_text(encoding="utf-8")
    assert 'self.tr("deleted")' in source and 'self.tr("kept (edited)")' in source
    assert 'self.tr("deleted by %1 on %2")' in source  # the CLI's "deleted by An on <date>"
    # The screen's names of the two whole-record kinds are the sync's.
    from vlot_desktop.sync import merge

    assert (sync_queries.DELETED_FIELD, sync_queries.EDITED_FIELD) == (
        merge.DELETED_FIELD,
        merge.EDITED_FIELD,
    )
    assert sync_queries.value_text(None) == "(empty)"
    assert sync_queries.value_text(True) == "yes" and sync_queries.value_text(0) == "0"
