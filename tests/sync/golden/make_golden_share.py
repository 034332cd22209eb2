"""Make the golden share of sync format 1 (``share_v1/``) and what a new laptop reads from it.

Run by hand, never by the tests; the files it wrote are committed and then frozen::

    .venv/bin/python tests/sync/golden/make_golden_share.py

Run it with committed code only, not with half-done work in the tree, e.g.::

    git archive HEAD | tar -x -C /tmp/vlot-src
    (cd /tmp/vlot-src && PYTHONPATH=/tmp/vlot-src /path/to/repo/.venv/bin/python \
        /path/to/repo/tests/sync/golden/make_golden_share.py)

(it prints which ``vlot_desktop`` it used).

Two laptops (An, team limburg; Bart, team antwerpen) set up with ``vlot-desktop init`` on a new
share make, with the code of today, a small history that uses every part of format 1:

1. Inserts on both laptops (organisations, a contact person with a Cyrillic name, a reception
   location with numbers, booleans, dates and NULLs, places, a prospect visit with a checklist
   answer that is a real number, a case with two household members, a helpdesk question) and a
   photo as attachment, whose blob goes to ``blobs/<2 hex>/<sha256>``; then conflicts (both
   rename the location; a record deleted by An and changed later by Bart), a delete and a
   purge (erasure of a household member's names). All synced.
2. ``compact`` (``run_compact``, the default grace period): a snapshot in ``snapshots/<id>/``
   and its marker in ``changes/``. The change files it covers stay (younger than the grace
   period), except those holding erased data, which compaction removes at once.
3. After the snapshot: edits of a number, a boolean, a date and a value set to NULL, a
   concurrent edit of one field on both laptops (a conflict in change files), a delete, a
   second purge, a new record and a second attachment (a PDF) with its blob. All synced.

The share is then copied to ``share_v1/`` without ``locks/`` (the compactor's lease) and
without temp files, and a brand-new laptop (``init`` on a fresh data folder, then one sync
against a copy of ``share_v1/``) gives the expected results:

- ``expected_dump_v1.json``: its ``vlot-desktop dump``, the synced tables only (the
  reference tables come from the application's own files, not from the share), without the
  new laptop's own user and device rows; one row per line, as the dump writes them;
- ``expected_conflicts_v1.json``: its open conflicts (``sync_conflicts``).

Names and times in the files (snapshot id, batch headers' ``created_at``, the HLCs) are those
of the moment this was run. ``tests/sync/test_sync_golden.py`` reads the committed files.

**Never run this again for format 1 once it is released**: laptops in the field hold data in
exactly these files, and the point of the test is that today's reader still reads them. A new
format gets a ``share_v2/`` of its own (copy this script, change ``VERSION``) next to this one.
The script refuses to overwrite an existing ``share_v<VERSION>/``; ``--out DIR`` writes
elsewhere (to look at the files of today's code without touching the golden ones).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

VERSION = 1
HERE = Path(__file__).resolve().parent

STAMP = "2026-11-20 10:00:00.000000"


def _id(n: int) -> str:
    return f"0196a000-0000-7000-8000-{n:012x}"


ORG_HASSELT, ORG_THUIS, ORG_GENK = _id(0x101), _id(0x102), _id(0x103)
CONTACT = _id(0x201)
LOCATION = _id(0x301)
PLACE_1, PLACE_2, PLACE_3 = _id(0x311), _id(0x312), _id(0x313)
VISIT = _id(0x401)
ANSWER = _id(0x411)
PHOTO, DOCUMENT = _id(0x421), _id(0x422)
CASE = _id(0x501)
MEMBER_1, MEMBER_2 = _id(0x511), _id(0x512)
QUESTION = _id(0x601)

NAME_COLUMNS = ["first_name", "first_name_cyrillic", "last_name", "last_name_cyrillic"]
NAME_COLUMNS += ["search_names"]

# Small files with real headers: a 1 x 1 PNG and a one-line PDF.
PHOTO_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a2e1ad7f0000000049454e44ae426082"
)
DOCUMENT_BYTES = (
    b"%PDF-1.4\n% VLOT verslag plaatsbezoek / \xd0\xb7\xd0\xb2\xd1\x96\xd1\x82\n%%EOF\n"
)


class Laptop:
    """A laptop set up with ``vlot-desktop init`` on the share (as in tests/sync)."""

    def __init__(
        self, root: Path, folder: str, user: str, region: str, share: Path, *, create: bool = False
    ) -> None:
        from vlot_desktop import cli, paths
        from vlot_desktop.settings import load_settings

        self.dir = root / folder
        argv = ["--data-dir", str(self.dir), "init", "--user", user, "--region", region]
        argv += ["--share", str(share)] + (["--create-share"] if create else [])
        if cli.main(argv) != 0:
            raise SystemExit(f"init of {folder} failed")
        self.db = paths.database_path(self.dir)
        settings = load_settings(self.dir)
        assert settings.user_id and settings.device_id
        self.user_id, self.device_id = settings.user_id, settings.device_id

    def sql(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        time.sleep(0.005)  # one write, one millisecond: the order of the HLCs is the script's
        conn = sqlite3.connect(self.db)
        try:
            with conn:
                return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def sync(self) -> None:
        from vlot_desktop.services.sync_service import run_sync

        report = run_sync(self.dir)
        if report.rejected_files or report.snapshot_error or report.blob_errors:
            raise SystemExit(f"sync of {self.dir.name} was not clean: {report}")

    def purge(self, table: str, pk: str, columns: list[str]) -> None:
        from vlot_desktop.db.engine import make_engine, make_session_factory
        from vlot_desktop.sync.purge import purge_record

        engine = make_engine(self.db)
        try:
            with make_session_factory(engine)() as session:
                purge_record(session, table, pk, columns)
                session.commit()
        finally:
            engine.dispose()

    def attach(self, pk: str, data: bytes, name: str, media_type: str, position: int) -> None:
        from vlot_desktop.db import attachment_store

        stored = attachment_store.store_bytes(self.dir, data)
        self.sql(
            "INSERT INTO attachment (id, sha256, file_name, media_type, size_bytes, width, "
            "height, owner_table, owner_id, caption, position, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, NULL, NULL, 'prospect_visit', ?, ?, ?, ?, ?)",
            pk,
            stored.sha256,
            name,
            media_type,
            stored.size_bytes,
            VISIT,
            f"{name} (Пасторія)",
            position,
            STAMP,
            STAMP,
        )


def sync_all(*laptops: Laptop) -> None:
    for _ in range(2):
        for laptop in laptops:
            laptop.sync()


# --- the history ------------------------------------------------------------------------------


def an_first(an: Laptop) -> None:
    an.sql(
        "INSERT INTO organisation (id, name, kind, municipality_nis, email, phone, notes, "
        "created_at, updated_at) VALUES (?, 'OCMW Hasselt', 'ocmw', '71022', "
        "'onthaal@ocmw-hasselt.be', '011 23 45 67', ?, ?, ?)",
        ORG_HASSELT,
        "Контакт: пані Олена (українська, нідерландська)",
        STAMP,
        STAMP,
    )
    an.sql(
        "INSERT INTO organisation (id, name, kind, municipality_nis, email, phone, notes, "
        "created_at, updated_at) VALUES (?, 'Vzw Thuis', 'vzw', NULL, NULL, NULL, NULL, ?, ?)",
        ORG_THUIS,
        STAMP,
        STAMP,
    )
    an.sql(
        "INSERT INTO location (id, name, search_text, location_type, status, status_since, "
        "street, house_number, postcode, municipality_nis, owner_organisation_id, capacity, "
        "wheelchair_accessible, suits_families, suits_singles, suits_medical_needs, "
        "suits_vulnerable_profiles, opened_on, closed_on, subsidy_scheme, subsidy_reference, "
        "notes, created_at, updated_at) VALUES (?, 'Opvang Kiewit', 'opvang kiewit kiewitstraat', "
        "'collectieve_opvang', 'operationeel', '2026-03-01', 'Kiewitstraat', '12', '3500', "
        "'71022', ?, 12, 1, 1, 0, 0, 1, '2026-03-01', NULL, NULL, NULL, ?, ?, ?)",
        LOCATION,
        ORG_HASSELT,
        "Sleutel bij de buren; tolk: Тетяна",
        STAMP,
        STAMP,
    )
    for pk, label, status in ((PLACE_1, "K1", "vrij"), (PLACE_2, "K2", "bezet")):
        an.sql(
            "INSERT INTO place (id, location_id, label, status, status_since, "
            "offered_to_fedasil_on, created_at, updated_at) VALUES (?, ?, ?, ?, '2026-03-01', "
            "NULL, ?, ?)",
            pk,
            LOCATION,
            label,
            status,
            STAMP,
            STAMP,
        )
    an.sql(
        "INSERT INTO place (id, location_id, label, status, status_since, offered_to_fedasil_on, "
        "created_at, updated_at) VALUES (?, ?, 'K3', 'aangeboden_fedasil', '2026-10-01', "
        "'2026-10-02', ?, ?)",
        PLACE_3,
        LOCATION,
        STAMP,
        STAMP,
    )
    an.sql(
        "INSERT INTO prospect_visit (id, name, street, house_number, postcode, "
        "municipality_nis, status, visit_date, visitor_id, owner_organisation_id, template, "
        "template_version, estimated_places, general_impression, outcome_notes, location_id, "
        "created_at, updated_at) VALUES (?, 'Pastorij Winterslag', 'Kerkplein', '1', '3600', "
        "'71016', 'bezocht', '2026-11-18', ?, NULL, 'prospect', 1, 8, ?, NULL, NULL, ?, ?)",
        VISIT,
        an.user_id,
        "Goed onderhouden, ruime keuken\nTweede verdieping: trap zonder leuning",
        STAMP,
        STAMP,
    )
    an.sql(
        "INSERT INTO checklist_answer (id, visit_id, item_key, value_choice, value_number, "
        "value_text, remark, created_at, updated_at) VALUES (?, ?, "
        "'algemeen.bruikbare_oppervlakte', NULL, 187.3, NULL, 'gemeten met laser', ?, ?)",
        ANSWER,
        VISIT,
        STAMP,
        STAMP,
    )
    an.attach(PHOTO, PHOTO_BYTES, "voorgevel.png", "image/png", 0)


def bart_first(bart: Laptop) -> None:
    bart.sql(
        "INSERT INTO contact_person (id, first_name, last_name, role, organisation_id, "
        "municipality_nis, email, phone, active, notes, created_at, updated_at) "
        "VALUES (?, 'Олена', 'Коваленко', 'medewerker', ?, '71022', NULL, '+32 470 12 34 56', "
        "1, 'Spreekt Oekraïens en Engels', ?, ?)",
        CONTACT,
        ORG_HASSELT,
        STAMP,
        STAMP,
    )
    bart.sql(
        "INSERT INTO case_file (id, reference, case_type, status, team_code, municipality_nis, "
        "assigned_to_id, opened_on, deadline, household_size, summary, created_at, updated_at) "
        "VALUES (?, 'D-2026-0042', 'herhuisvesting', 'in_behandeling', 'antwerpen', '11002', "
        "?, '2026-11-02', '2026-12-31', 2, 'Gezin zoekt woning na einde gastgezin', ?, ?)",
        CASE,
        bart.user_id,
        STAMP,
        STAMP,
    )
    members = (
        (MEMBER_1, "Oleksandra", "Kovalenko", "Олександра", "Коваленко", 1986, "contactpersoon"),
        (MEMBER_2, "Taras", "Kovalenko", "Тарас", "Коваленко", 2014, "kind"),
    )
    for pk, first, last, first_cyr, last_cyr, year, relation in members:
        bart.sql(
            "INSERT INTO household_member (id, case_id, first_name, last_name, "
            "first_name_cyrillic, last_name_cyrillic, search_names, birth_year, relation, "
            "language, needs_mobility, needs_medical, has_pets, school_age, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'Oekraïens', 0, 0, 0, ?, ?, ?)",
            pk,
            CASE,
            first,
            last,
            first_cyr,
            last_cyr,
            f"{first} {last} {first_cyr} {last_cyr}".lower(),
            year,
            relation,
            1 if relation == "kind" else 0,
            STAMP,
            STAMP,
        )
    bart.sql(
        "INSERT INTO question (id, received_on, team_code, municipality_nis, channel, subject, "
        "question_text, status, published, created_at, updated_at) VALUES (?, '2026-11-19', "
        "'antwerpen', '11002', 'e_mail', 'Schoolinschrijving na verhuis', ?, 'nieuw', 0, ?, ?)",
        QUESTION,
        "Hoe schrijven we Тарас in na de verhuis naar Hasselt?",
        STAMP,
        STAMP,
    )


def before_snapshot(an: Laptop, bart: Laptop) -> None:
    an_first(an)
    bart_first(bart)
    sync_all(an, bart)
    # Both rename the location before they sync: one winner, one open conflict.
    an.sql("UPDATE location SET name = 'Opvang Kiewit (Hasselt)' WHERE id = ?", LOCATION)
    bart.sql("UPDATE location SET name = 'Opvangcentrum Kiewit' WHERE id = ?", LOCATION)
    # An deletes an organisation that Bart changes later: it comes back, flagged.
    an.sql("DELETE FROM organisation WHERE id = ?", ORG_THUIS)
    bart.sql("UPDATE organisation SET notes = 'toch nog nodig' WHERE id = ?", ORG_THUIS)
    bart.sql("DELETE FROM place WHERE id = ?", PLACE_3)
    an.sql("UPDATE case_file SET status = 'wacht_op_plaats' WHERE id = ?", CASE)
    sync_all(bart, an)
    an.purge("household_member", MEMBER_1, NAME_COLUMNS)
    sync_all(an, bart)


def after_snapshot(an: Laptop, bart: Laptop) -> None:
    an.sql(
        "UPDATE location SET capacity = 14, suits_singles = 1, status_since = '2026-12-01', "
        "notes = NULL WHERE id = ?",
        LOCATION,
    )
    an.sql("UPDATE checklist_answer SET value_number = 0.1, remark = NULL WHERE id = ?", ANSWER)
    # The same field on both laptops before they sync: a conflict in the change files.
    bart.sql("UPDATE organisation SET notes = ? WHERE id = ?", "Нова адреса: Kuringen", ORG_HASSELT)
    an.sql("UPDATE organisation SET notes = 'Nieuw adres volgt' WHERE id = ?", ORG_HASSELT)
    bart.sql("DELETE FROM place WHERE id = ?", PLACE_2)
    bart.sql(
        "INSERT INTO organisation (id, name, kind, municipality_nis, email, phone, notes, "
        "created_at, updated_at) VALUES (?, 'Stad Genk', 'lokaal_bestuur', '71016', NULL, "
        "NULL, NULL, ?, ?)",
        ORG_GENK,
        STAMP,
        STAMP,
    )
    bart.sql(
        "UPDATE question SET status = 'beantwoord', answered_on = '2026-12-02', "
        "answer_text = 'Via de school in de nieuwe gemeente', published = 1 WHERE id = ?",
        QUESTION,
    )
    an.attach(DOCUMENT, DOCUMENT_BYTES, "verslag.pdf", "application/pdf", 1)
    an.purge("household_member", MEMBER_2, NAME_COLUMNS)
    sync_all(an, bart)


def build_share(work: Path) -> Path:
    from vlot_desktop.services.sync_service import run_compact

    share = work / "share"
    share.mkdir()
    an = Laptop(work, "an", "An Peeters", "limburg", share, create=True)
    bart = Laptop(work, "bart", "Bart Claes", "antwerpen", share)
    # The device rows travel: give them names rather than this computer's.
    an.sql("UPDATE device SET label = 'LAPTOP-AN'")
    bart.sql("UPDATE device SET label = 'LAPTOP-BART'")
    before_snapshot(an, bart)
    report = run_compact(an.dir)
    print(
        f"snapshot {report.snapshot_id}: {report.snapshot_rows} records; kept "
        f"{report.files_kept} change files, removed {report.files_deleted_purged} with "
        "erased data"
    )
    after_snapshot(an, bart)
    return share


# --- copying and checking ---------------------------------------------------------------------


def copy_share(source: Path, target: Path) -> None:
    """``source`` without ``locks/`` and temp files (a share at rest)."""
    from vlot_desktop.sync.share import NAME_RE

    def ignore(folder: str, names: list[str]) -> list[str]:
        top = Path(folder) == source
        return [n for n in names if n.startswith(".tmp-") or (top and n == "locks")]

    shutil.copytree(source, target, ignore=ignore)
    for path in target.rglob("*"):
        name = path.name
        if not NAME_RE.match(name) or (name != "FORMAT.json" and name != name.lower()):
            raise SystemExit(f"{path}: not a share name")


def rows_json(rows: Iterator[dict[str, Any]]) -> list[str]:
    return [
        json.dumps(row, ensure_ascii=False, separators=(",", ":"), sort_keys=True) for row in rows
    ]


def expected_results(share: Path, work: Path) -> tuple[str, str]:
    """The dump (synced tables, without the new laptop's own rows) and the open conflicts of
    a brand-new laptop after one sync against a copy of ``share``."""
    from vlot_desktop.db.models import synced_tables
    from vlot_desktop.services.dump import dump_chunks
    from vlot_desktop.services.sync_service import run_sync

    copy = work / "copy"
    shutil.copytree(share, copy)
    new = Laptop(work, "new", "Nieuwe Collega", "centraal", copy, create=False)
    report = run_sync(new.dir)
    if report.rejected_files or report.snapshot_error or not report.snapshot_applied:
        raise SystemExit(f"the new laptop did not read the share cleanly: {report}")
    if report.blob_errors or report.blobs_missing or report.held_files:
        raise SystemExit(f"the new laptop did not read the share cleanly: {report}")
    dump = json.loads("".join(dump_chunks(new.db)))
    own = {("staff_user", new.user_id), ("device", new.device_id)}
    parts = []
    for index, table in enumerate(synced_tables()):
        rows = rows_json(row for row in dump[table] if (table, row["id"]) not in own)
        body = ",\n".join(rows)
        parts.append(("," if index else "") + json.dumps(table) + ":[" + ("\n" if rows else ""))
        parts.append(body + "]")
    dump_text = "{" + "".join(parts) + "}\n"
    conflicts = new.sql(
        "SELECT tbl, pk, field, loser_hlc, loser_dev, loser_user, loser_value "
        "FROM sync_conflicts ORDER BY tbl, pk, field, loser_hlc, loser_dev"
    )
    keys = ("tbl", "pk", "field", "loser_hlc", "loser_dev", "loser_user", "loser_value")
    conflicts_text = (
        "[\n" + ",\n".join(rows_json(dict(zip(keys, c, strict=True)) for c in conflicts)) + "\n]\n"
    )
    return dump_text, conflicts_text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=HERE,
        help="folder for share_v1/ and the expected files (default: next to this script)",
    )
    args = parser.parse_args(argv)
    out: Path = args.out
    target = out / f"share_v{VERSION}"
    if target.exists():
        print(f"{target} exists: the golden share of a released format is never remade")
        return 1
    out.mkdir(parents=True, exist_ok=True)
    import vlot_desktop

    print(f"code: {Path(vlot_desktop.__file__).parent} (version {vlot_desktop.__version__})")
    with tempfile.TemporaryDirectory(prefix="vlot-golden-") as temp:
        work = Path(temp)
        share = build_share(work)
        copy_share(share, target)
        dump_text, conflicts_text = expected_results(target, work)
    (out / f"expected_dump_v{VERSION}.json").write_text(dump_text, encoding="utf-8")
    (out / f"expected_conflicts_v{VERSION}.json").write_text(conflicts_text, encoding="utf-8")
    files = sorted(p for p in target.rglob("*") if p.is_file())
    for path in files:
        print(f"{path.stat().st_size:8d}  {path.relative_to(out)}")
    print(f"{sum(p.stat().st_size for p in files)} bytes in {len(files)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
