"""Load ``resources/data`` into a database, idempotently.

Runs when a database is created or upgraded, and whenever a reference file changed (a hash of all
files is kept in ``local_meta``): rows are inserted or updated by their natural key, never
duplicated, and never deleted (records may still point at them).
"""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vlot_desktop import paths
from vlot_desktop.domain.checklist import parse_checklist
from vlot_desktop.domain.enums import TeamKind
from vlot_desktop.domain.text import fold
from vlot_desktop.domain.themes import ReferenceDataError, parse_themes

META_KEY = "reference_data_sha256"


@dataclass(frozen=True)
class ReferenceRows:
    """Every reference row, grouped per table, as plain dicts ready for an upsert."""

    tables: dict[str, list[dict[str, Any]]]
    sha256: str


def _files(folder: Path) -> list[Path]:
    files = [folder / "teams.json", folder / "municipalities.csv", folder / "postcodes.csv"]
    files.append(folder / "themes.json")
    files.extend(sorted((folder / "checklists").glob("*.json")))
    return files


def reference_team_codes(folder: Path | None = None) -> list[str]:
    """The team codes in ``teams.json``, in their order (no database needed)."""
    folder = folder or paths.reference_data_dir()
    document = json.loads((folder / "teams.json").read_text(encoding="utf-8"))
    return [str(team["code"]) for team in document["teams"]]


def files_sha256(folder: Path) -> str:
    digest = hashlib.sha256()
    for file in _files(folder):
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def read_reference_rows(folder: Path | None = None) -> ReferenceRows:
    """Parse and cross-check every reference file; raise ``ReferenceDataError`` if one is wrong."""
    folder = folder or paths.reference_data_dir()
    try:
        rows = _read_rows(folder)
    except ReferenceDataError:
        raise
    except (KeyError, TypeError, ValueError, OSError) as exc:
        # A missing column or field, a bad JSON document, an unknown team kind, a missing file.
        raise ReferenceDataError(
            f"{folder}: malformed reference data ({type(exc).__name__}: {exc})"
        ) from exc
    _check_unique(rows)
    return rows


def _check_unique(rows: ReferenceRows) -> None:
    """A repeated key would silently overwrite the earlier row in the upsert: refuse it."""
    for table, records in rows.tables.items():
        seen: set[tuple[Any, ...]] = set()
        for record in records:
            key = tuple(record[k] for k in _KEYS[table])
            if key in seen:
                raise ReferenceDataError(f"{table}: duplicate key {key}")
            seen.add(key)
    names = [p["name_nl"] for p in rows.tables["province"]]
    if len(set(names)) != len(names):
        raise ReferenceDataError(f"teams.json: a province is mapped to two teams ({names})")


def _read_rows(folder: Path) -> ReferenceRows:
    teams_doc = json.loads((folder / "teams.json").read_text(encoding="utf-8"))
    teams = [
        {
            "code": t["code"],
            "name_nl": t["name_nl"],
            "name_en": t["name_en"],
            "kind": TeamKind(t["kind"]).value,
            "sort_order": i,
        }
        for i, t in enumerate(teams_doc["teams"])
    ]
    provinces = [
        {"code": t["code"], "name_nl": t["province"], "team_code": t["code"]}
        for t in teams_doc["teams"]
        if t["province"]
    ]
    province_codes = {p["code"] for p in provinces}

    municipalities: list[dict[str, Any]] = []
    arrondissements: dict[str, dict[str, Any]] = {}
    with (folder / "municipalities.csv").open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if row["province"] not in province_codes:
                raise ReferenceDataError(
                    f"municipalities.csv line {line}: unknown province {row['province']!r}"
                )
            municipalities.append(
                {
                    "nis_code": row["nis_code"],
                    "name_nl": row["name_nl"],
                    "search_name": fold(row["name_nl"]),
                    "province_code": row["province"],
                    "arrondissement_code": row["arrondissement_code"],
                }
            )
            arrondissements[row["arrondissement_code"]] = {
                "nis_code": row["arrondissement_code"],
                "name_nl": row["arrondissement_nl"],
                "province_code": row["province"],
            }
    known_nis = {m["nis_code"] for m in municipalities}

    postcodes: list[dict[str, Any]] = []
    with (folder / "postcodes.csv").open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if row["nis_code"] not in known_nis:
                raise ReferenceDataError(
                    f"postcodes.csv line {line}: unknown municipality {row['nis_code']!r}"
                )
            postcodes.append({"postcode": row["postcode"], "municipality_nis": row["nis_code"]})

    domains = parse_themes(json.loads((folder / "themes.json").read_text(encoding="utf-8")))
    policy_domains = [
        {"code": d.code, "name_nl": d.name_nl, "name_en": d.name_en, "sort_order": i}
        for i, d in enumerate(domains)
    ]
    themes = [
        {
            "code": t.code,
            "domain_code": d.code,
            "name_nl": t.name_nl,
            "name_en": t.name_en,
            "sort_order": i * 1000 + j,
        }
        for i, d in enumerate(domains)
        for j, t in enumerate(d.themes)
    ]

    templates = []
    for file in sorted((folder / "checklists").glob("*.json")):
        raw = file.read_text(encoding="utf-8")
        template = parse_checklist(json.loads(raw))
        templates.append(
            {
                "template": template.template,
                "version": template.version,
                "title_nl": template.title_nl,
                "content_json": raw,
                "content_sha256": hashlib.sha256(raw.encode("utf-8")).hexdigest(),
            }
        )

    tables = {
        "team": teams,
        "province": provinces,
        "arrondissement": sorted(arrondissements.values(), key=lambda a: a["nis_code"]),
        "municipality": municipalities,
        "postcode": postcodes,
        "policy_domain": policy_domains,
        "theme": themes,
        "checklist_template": templates,
    }
    return ReferenceRows(tables=tables, sha256=files_sha256(folder))


# Natural key columns per table, for ON CONFLICT ... DO UPDATE.
_KEYS: dict[str, tuple[str, ...]] = {
    "team": ("code",),
    "province": ("code",),
    "arrondissement": ("nis_code",),
    "municipality": ("nis_code",),
    "postcode": ("postcode", "municipality_nis"),
    "policy_domain": ("code",),
    "theme": ("code",),
    "checklist_template": ("template", "version"),
}


def upsert_reference_rows(conn: sqlite3.Connection, rows: ReferenceRows) -> None:
    """Insert or update every reference row in one transaction (parents before children)."""
    with conn:
        for table, records in rows.tables.items():
            if not records:
                continue
            columns = list(records[0])
            keys = _KEYS[table]
            updates = [c for c in columns if c not in keys]
            update_sql = (
                "DO UPDATE SET " + ", ".join(f"{c}=excluded.{c}" for c in updates)
                if updates
                else "DO NOTHING"
            )
            sql = (
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join(':' + c for c in columns)}) "
                f"ON CONFLICT ({', '.join(keys)}) {update_sql}"
            )
            conn.executemany(sql, records)
        conn.execute(
            "INSERT INTO local_meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value=excluded.value",
            (META_KEY, rows.sha256),
        )


def ensure_reference_data(
    db_path: Path, *, force: bool = False, folder: Path | None = None
) -> bool:
    """Load the reference files if they changed since the last load. Returns True if loaded."""
    folder = folder or paths.reference_data_dir()
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        if not force:
            row = conn.execute("SELECT value FROM local_meta WHERE key=?", (META_KEY,)).fetchone()
            if row and row[0] == files_sha256(folder):
                return False
        upsert_reference_rows(conn, read_reference_rows(folder))
        return True
    finally:
        conn.close()
