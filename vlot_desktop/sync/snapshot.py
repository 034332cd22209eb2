"""Snapshots: the merged sync state in a few files, so a new laptop need not read every batch.

Layout on the share::

    snapshots/<id>/part-0001.ndjson.gz ...   the state, in parts of at most PART_LINES lines
    snapshots/<id>/manifest.json             written last: its presence means "complete"

``<id>`` is ``<yyyymmdd>t<hhmmssmmm>z-<device, 8 hex>`` (UTC), so the newest sorts last.

A part is gzip'd NDJSON like a batch: a header ``{"magic": "vlot-sync-snapshot-part",
"format": 1, "snapshot": id, "part": n}``, the lines, and a trailer ``{"trailer":
"vlot-sync-end", "count", "sha256"}``. Lines, in this order:

- ``{"k": "purge", "t", "pk", "field", "hlc", "dev", "user"}``: an erased field (``"*"``: row);
- ``{"k": "tomb", "t", "pk", "hlc", "dev", "user", "row"}``: the newest delete of a row;
- ``{"k": "row", "t", "pk", "f": {field: value}, "c": [[hlc, dev, user], ...],
  "w": {field: index into c}, "b": {field: max_base}}``: the winning write of every field
  (``w`` left out: every field has clock 0; ``b`` holds only fields with a base). A row
  written once has one clock and no ``w``: the reader makes clock 0 the row clock when the line
  holds every field it knows of the table (``clocks.py``), and an exception of each other one;
- ``{"k": "conf", "t", "pk", "field", "hlc", "dev", "user", "value"}``: an open conflict.

The manifest holds ``covers`` (``coverage.py``: which batches the state includes) and each
part's SHA-256 and size. The state is the compactor's field clocks (``clocks.row_states``: row
clocks with the values of their rows, and the exceptions), tombstones, open conflicts and purge
markers: exactly what merging the covered batches gives, so applying a snapshot on
any laptop is an ordinary merge (``apply.py``) and laptops converge whether they read the
batches or the snapshot. Rows that never went through the sync (data from before it) are not
in it. Every file is treated as hostile when read: sizes, checksums and types are checked and a
bad snapshot is rejected whole.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import re
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any, BinaryIO

from vlot_desktop.sync import coverage, extras
from vlot_desktop.sync.batch import (
    FIELD_RE,
    FORMAT_VERSION,
    ID_RE,
    MAX_BATCH_BYTES,
    MAX_LINE,
    MAX_TEXT,
    TRAILER,
    BadBatchError,
    NewerFormatError,
    _loads,
    _no_constant,
    _stream_lines,
    is_value,
)
from vlot_desktop.sync.capture import HLC_RE
from vlot_desktop.sync.clocks import row_states
from vlot_desktop.sync.share import Share

SNAPSHOTS = "snapshots"
MANIFEST = "manifest.json"
MAGIC = "vlot-sync-snapshot"
PART_MAGIC = "vlot-sync-snapshot-part"
PART_LINES = 100_000
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
MAX_PARTS = 10_000
ID_PATTERN = re.compile(r"^[0-9]{8}t[0-9]{9}z-[0-9a-f]{8}$")
PART_RE = re.compile(r"^part-[0-9]{4,6}\.ndjson\.gz$")
# ``changes/<id>.snapshot``: an empty file the compactor leaves next to the change files, so
# that every laptop learns of a new snapshot from the listing it makes anyway (see
# ``bootstrap.should_look``). Batch readers ignore names that are not batch names.
MARKER_SUFFIX = ".snapshot"


def marker_name(snap_id: str) -> str:
    return snap_id + MARKER_SUFFIX


def marked_ids(names: list[str]) -> list[str]:
    """The snapshot ids named by markers in a listing of ``changes/``."""
    return [
        name[: -len(MARKER_SUFFIX)]
        for name in names
        if name.endswith(MARKER_SUFFIX) and ID_PATTERN.match(name[: -len(MARKER_SUFFIX)])
    ]


class BadSnapshotError(BadBatchError):
    """A snapshot that is damaged, incomplete or not ours: not applied at all."""


@dataclass(frozen=True)
class Part:
    name: str
    sha256: str
    size: int
    lines: int


@dataclass(frozen=True)
class Manifest:
    id: str
    created_at: str
    device: str
    covers: coverage.Covers
    parts: tuple[Part, ...]
    counts: dict[str, int]


def new_id(device: str, now: dt.datetime | None = None) -> str:
    moment = now or dt.datetime.now(dt.UTC)
    stamp = moment.strftime("%Y%m%dt%H%M%S") + f"{moment.microsecond // 1000:03d}z"
    return f"{stamp}-{re.sub(r'[^0-9a-f]', '', device.lower())[:8].ljust(8, '0')}"


def folder(snap_id: str) -> str:
    return f"{SNAPSHOTS}/{snap_id}"


# --- writing ---------------------------------------------------------------------------------


def _text(value: str | None) -> str:
    return "null" if value is None else str(encode_basestring(value))


def _readable(value: str | None) -> bool:
    """A value (canonical JSON) that every reader accepts (``batch.is_value``); a longer one
    can only come from outside the app (it is refused where text is typed or imported)."""
    return value is None or len(value) <= MAX_TEXT or is_value(json.loads(value))


def _row_line(tbl: str, pk: str, entries: list[tuple[Any, ...]]) -> str:
    """The snapshot line of one row; values other laptops would refuse are left out (they were
    never sent either: ``outbox._sendable``), so one such value cannot make the snapshot
    useless to every new laptop."""
    entries = [e for e in entries if _readable(e[4])]
    line = _row_line_of(tbl, pk, entries)
    # (A character is at most 4 bytes: most lines need no measuring.)
    while entries and len(line) * 4 > MAX_LINE and len(line.encode("utf-8")) > MAX_LINE:
        entries.remove(max(entries, key=lambda e: len(e[4] or "")))
        line = _row_line_of(tbl, pk, entries)
    return line


def _row_line_of(tbl: str, pk: str, entries: list[tuple[Any, ...]]) -> str:
    clocks: dict[tuple[str, str, str | None], int] = {}
    fields: list[str] = []
    which: list[str] = []
    bases: list[str] = []
    for field, hlc, dev, user, value, max_base in entries:
        key = (hlc, dev, user)
        index = clocks.setdefault(key, len(clocks))
        name = _text(field)
        fields.append(f"{name}:{'null' if value is None else value}")
        if index:
            which.append(f"{name}:{index}")
        if max_base:
            bases.append(f"{name}:{_text(max_base)}")
    c = ",".join(f"[{_text(h)},{_text(d)},{_text(u)}]" for h, d, u in clocks)
    line = f'{{"k":"row","t":{_text(tbl)},"pk":{_text(pk)},"f":{{{",".join(fields)}}},"c":[{c}]'
    if which:
        line += f',"w":{{{",".join(which)}}}'
    if bases:
        line += f',"b":{{{",".join(bases)}}}'
    return line + "}"


def state_lines(conn: sqlite3.Connection, known: Mapping[str, frozenset[str]]) -> Iterator[str]:
    """The lines of a snapshot of the state in ``conn`` (read inside the caller's transaction).

    Purges, tombstones and kept fields of tables this version does not know (records of a
    newer version set aside, ``Merger._set_aside``) are written too: a compaction made here
    must not drop them from the share."""
    for tbl, pk, field, hlc, dev, user in conn.execute(
        "SELECT tbl, pk, field, hlc, dev, user_id FROM sync_purged ORDER BY tbl, pk, field"
    ):
        yield json.dumps(
            {"k": "purge", "t": tbl, "pk": pk, "field": field, "hlc": hlc, "dev": dev,
             "user": user},
            ensure_ascii=False, separators=(",", ":"),
        )  # fmt: skip
    for tbl, pk, hlc, dev, user, row_json, row_base in conn.execute(
        "SELECT tbl, pk, hlc, dev, user_id, row_json, row_base FROM sync_tombstone ORDER BY tbl, pk"
    ):
        row = json.loads(row_json) if row_json else None
        if row is not None:
            row = {k: v for k, v in row.items() if is_value(v)}
        tomb = {"k": "tomb", "t": tbl, "pk": pk, "hlc": hlc, "dev": dev, "user": user,
                "row": row}  # fmt: skip
        if row_base is not None:
            tomb["base"] = row_base  # what the deleter had seen (optional in format 1)
        yield json.dumps(tomb, ensure_ascii=False, separators=(",", ":"))
    kept = extras.by_row(conn)  # fields of newer versions: written back, never dropped
    for tbl, pk, entries in row_states(conn, known):
        more = kept.pop((tbl, pk), None)
        if more:
            entries = sorted([*entries, *more])
        if entries:
            yield _row_line(tbl, pk, entries)
    for (tbl, pk), more in kept.items():
        yield _row_line(tbl, pk, list(more))
    for tbl, pk, field, hlc, dev, user, value in conn.execute(
        "SELECT tbl, pk, field, loser_hlc, loser_dev, loser_user, loser_value "
        "FROM sync_conflicts ORDER BY tbl, pk, field, loser_hlc, loser_dev"
    ):
        if tbl in known and field in known[tbl] and _readable(value):
            yield json.dumps(
                {"k": "conf", "t": tbl, "pk": pk, "field": field, "hlc": hlc, "dev": dev,
                 "user": user, "value": value},
                ensure_ascii=False, separators=(",", ":"),
            )  # fmt: skip


def _put(out: BinaryIO, data: bytes) -> None:
    out.write(data)


def part_bytes(snap_id: str, number: int, lines: list[str]) -> bytes:
    """One part file: header, lines, trailer (with the lines' SHA-256), gzip'd."""
    digest = hashlib.sha256()
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, compresslevel=6) as gz:
        header = {"magic": PART_MAGIC, "format": FORMAT_VERSION, "snapshot": snap_id,
                  "part": number}  # fmt: skip
        gz.write((json.dumps(header) + "\n").encode())
        for line in lines:
            data = (line + "\n").encode("utf-8")
            digest.update(data)
            gz.write(data)
        trailer = {"trailer": TRAILER, "count": len(lines), "sha256": digest.hexdigest()}
        gz.write((json.dumps(trailer) + "\n").encode())
    return out.getvalue()


@dataclass
class Written:
    manifest: Manifest
    bytes: int


def write_snapshot(
    conn: sqlite3.Connection,
    share: Share,
    device: str,
    covers: coverage.Covers,
    known: Mapping[str, frozenset[str]],
    now: dt.datetime | None = None,
) -> Written:
    """Write a snapshot of ``conn``'s state (parts, then the manifest; each read back and
    compared before it gets its name). ``covers`` must describe that same state."""
    moment = now or dt.datetime.now(dt.UTC)
    snap_id = new_id(device, moment)
    where = folder(snap_id)
    share.makedirs(where)
    parts: list[Part] = []
    counts = {"purge": 0, "tomb": 0, "row": 0, "conf": 0}
    total = 0
    lines: list[str] = []

    def flush() -> None:
        nonlocal total
        data = part_bytes(snap_id, len(parts) + 1, lines)
        name = f"part-{len(parts) + 1:04d}.ndjson.gz"
        share.write_once(f"{where}/{name}", lambda out: _put(out, data), verify=True)
        parts.append(Part(name, hashlib.sha256(data).hexdigest(), len(data), len(lines)))
        total += len(data)
        lines.clear()

    for line in state_lines(conn, known):
        kind = line[6:10]
        counts[{"purg": "purge", "tomb": "tomb", 'row"': "row", "conf": "conf"}[kind]] += 1
        lines.append(line)
        if len(lines) >= PART_LINES:
            flush()
    if lines or not parts:
        flush()
    manifest = Manifest(
        id=snap_id,
        created_at=moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        device=device.lower(),
        covers=covers,
        parts=tuple(parts),
        counts=counts,
    )
    document = manifest_bytes(manifest)
    share.write_once(f"{where}/{MANIFEST}", lambda out: _put(out, document), verify=True)
    return Written(manifest, total + len(document))


def manifest_bytes(manifest: Manifest) -> bytes:
    doc = {
        "magic": MAGIC,
        "format": FORMAT_VERSION,
        "id": manifest.id,
        "created_at": manifest.created_at,
        "device": manifest.device,
        "covers": manifest.covers,
        "parts": [
            {"name": p.name, "sha256": p.sha256, "size": p.size, "lines": p.lines}
            for p in manifest.parts
        ],
        "counts": manifest.counts,
    }
    return (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode("utf-8")


# --- reading ---------------------------------------------------------------------------------


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def parse_manifest(data: bytes, snap_id: str) -> Manifest:
    """Check a manifest read from the share; raises ``BadSnapshotError``/``NewerFormatError``."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise BadSnapshotError("manifest: not valid JSON") from exc
    if not isinstance(doc, dict) or doc.get("magic") != MAGIC:
        raise BadSnapshotError("manifest: not a VLOT snapshot")
    _check_manifest_format(doc.get("format"))
    if doc.get("id") != snap_id:
        raise BadSnapshotError("manifest: belongs to another snapshot")
    covers_doc, parts_doc = doc.get("covers"), doc.get("parts")
    if not isinstance(covers_doc, dict) or not isinstance(parts_doc, list):
        raise BadSnapshotError("manifest: bad covers or parts")
    if len(parts_doc) > MAX_PARTS or not parts_doc:
        raise BadSnapshotError("manifest: bad number of parts")
    covers = _manifest_covers(covers_doc)
    parts = [_manifest_part(item) for item in parts_doc]
    created, device = doc.get("created_at"), doc.get("device")
    if not isinstance(created, str) or not (isinstance(device, str) and ID_RE.match(device)):
        raise BadSnapshotError("manifest: bad created_at or device")
    counts = doc.get("counts")
    return Manifest(
        id=snap_id,
        created_at=created[:32],
        device=device,
        covers=covers,
        parts=tuple(parts),
        counts={k: v for k, v in counts.items() if isinstance(k, str) and _int(v)}
        if isinstance(counts, dict)
        else {},
    )


def _check_manifest_format(version: Any) -> None:
    """A snapshot of a newer format is left for an updated app (``NewerFormatError``), never
    taken for a damaged one."""
    if not _int(version):
        raise BadSnapshotError("manifest: bad format")
    assert isinstance(version, int)
    if version > FORMAT_VERSION:
        raise NewerFormatError(
            f"a snapshot has format {version}; this version reads up to {FORMAT_VERSION}: "
            "update the application",
            version,
        )


def _manifest_covers(covers_doc: dict[Any, Any]) -> coverage.Covers:
    """The batches the snapshot covers, per laptop and epoch: ``{key: [[from, to], ...]}``."""
    covers: coverage.Covers = {}
    for key, ranges in covers_doc.items():
        if not (isinstance(key, str) and re.fullmatch(r"[0-9a-f-]{1,36}_[0-9a-z]{1,16}", key)):
            raise BadSnapshotError("manifest: bad covers")
        if not isinstance(ranges, list):
            raise BadSnapshotError("manifest: bad covers")
        for item in ranges:
            if not (isinstance(item, list) and len(item) == 2 and all(_int(x) for x in item)):
                raise BadSnapshotError("manifest: bad covers")
            if int(item[0]) > int(item[1]):
                raise BadSnapshotError("manifest: bad covers")
            coverage.add_range(covers, key, item[0], item[1])
    return covers


def _manifest_part(item: Any) -> Part:
    """One part as the manifest lists it: its name, checksum, size and line count."""
    if not isinstance(item, dict):
        raise BadSnapshotError("manifest: bad part")
    name, sha, size, lines = (item.get(k) for k in ("name", "sha256", "size", "lines"))
    if not (isinstance(name, str) and PART_RE.match(name)):
        raise BadSnapshotError("manifest: bad part name")
    if not (isinstance(sha, str) and re.fullmatch(r"[0-9a-f]{64}", sha)):
        raise BadSnapshotError("manifest: bad part checksum")
    if not (isinstance(size, int) and isinstance(lines, int) and _int(size) and _int(lines)):
        raise BadSnapshotError("manifest: bad part size")
    if size > MAX_BATCH_BYTES:
        raise BadSnapshotError("manifest: part too large")
    return Part(name, sha, size, lines)


def _hlc_ok(value: Any) -> bool:
    return isinstance(value, str) and HLC_RE.match(value) is not None


def _id_ok(value: Any) -> bool:
    return isinstance(value, str) and ID_RE.match(value) is not None


# Device and user ids already checked (a few dozen, on every line).
_IDS_OK: set[str] = set()


def _actor_ok(value: Any) -> bool:
    if value in _IDS_OK:
        return True
    if not _id_ok(value):
        return False
    if len(_IDS_OK) < 10_000:
        _IDS_OK.add(value)
    return True


def _user_ok(value: Any) -> bool:
    return value is None or _id_ok(value)


# Table and field names already checked against FIELD_RE (a few hundred at most).
_NAMES_OK: set[str] = set()


def _remember(name: str) -> None:
    if len(_NAMES_OK) < 10_000:
        _NAMES_OK.add(name)


def _check_line(obj: dict[str, Any], n: int) -> None:
    """Types of one snapshot line (tables and fields are filtered by the applier).

    One check per kind of line (a row, a purge, a tombstone, a conflict); the names already
    seen and the ids already checked are remembered, as every line repeats them."""
    where = f"snapshot line {n}"
    kind = obj.get("k")
    table = obj.get("t")
    if table not in _NAMES_OK:
        if not (isinstance(table, str) and FIELD_RE.match(table)):
            raise BadSnapshotError(f"{where}: bad table")
        _remember(table)
    if not _id_ok(obj.get("pk")):
        raise BadSnapshotError(f"{where}: bad key")
    if kind == "row":
        _check_row_line(obj, where)
        return
    if kind not in ("purge", "tomb", "conf"):
        raise BadSnapshotError(f"{where}: unknown kind")
    if not (_hlc_ok(obj.get("hlc")) and _id_ok(obj.get("dev")) and _user_ok(obj.get("user"))):
        raise BadSnapshotError(f"{where}: bad clock")
    if kind == "purge":
        field = obj.get("field")
        if not (isinstance(field, str) and (field == "*" or FIELD_RE.match(field))):
            raise BadSnapshotError(f"{where}: bad field")
    elif kind == "tomb":
        _check_tomb_line(obj, where)
    else:
        _check_conflict_line(obj, where)


def _check_row_line(obj: dict[str, Any], where: str) -> None:
    """A row: its field values, its clocks, which clock each field has (``w``, else the
    first) and what each field's writer had seen (``b``)."""
    fields, clocks = obj.get("f"), obj.get("c")
    which, bases = obj.get("w", {}), obj.get("b", {})
    if not (isinstance(fields, dict) and isinstance(clocks, list) and clocks):
        raise BadSnapshotError(f"{where}: bad row")
    if not (isinstance(which, dict) and isinstance(bases, dict)):
        raise BadSnapshotError(f"{where}: bad row")
    for clock in clocks:
        if not (
            isinstance(clock, list)
            and len(clock) == 3
            and _hlc_ok(clock[0])
            and _actor_ok(clock[1])
            and (clock[2] is None or _actor_ok(clock[2]))
        ):
            raise BadSnapshotError(f"{where}: bad clock")
    _check_row_fields(fields, where)
    for name, index in which.items():
        if name not in fields or not _int(index) or index >= len(clocks):
            raise BadSnapshotError(f"{where}: bad clock index")
    for name, base in bases.items():
        if name not in fields or not _hlc_ok(base):
            raise BadSnapshotError(f"{where}: bad base")


def _check_row_fields(fields: dict[Any, Any], where: str) -> None:
    """The names and values of a row's fields (a value as a change file may carry it)."""
    if not _NAMES_OK.issuperset(fields):
        for name in fields:
            if name not in _NAMES_OK:
                if not (isinstance(name, str) and FIELD_RE.match(name)):
                    raise BadSnapshotError(f"{where}: bad field")
                _remember(name)
    for value in fields.values():
        kind_of = type(value)
        if kind_of is str:
            if len(value) > MAX_TEXT:
                raise BadSnapshotError(f"{where}: bad field")
        elif not (value is None or kind_of is int or kind_of is float or is_value(value)):
            raise BadSnapshotError(f"{where}: bad field")


def _check_tomb_line(obj: dict[str, Any], where: str) -> None:
    """A tombstone: what the deleter had seen, and the values the row had when deleted."""
    if obj.get("base") is not None and not _hlc_ok(obj.get("base")):
        raise BadSnapshotError(f"{where}: bad base")
    row = obj.get("row")
    if row is not None and not (
        isinstance(row, dict) and all(FIELD_RE.match(k) and is_value(v) for k, v in row.items())
    ):
        raise BadSnapshotError(f"{where}: bad row values")


def _check_conflict_line(obj: dict[str, Any], where: str) -> None:
    """An open conflict: the field and the losing value."""
    field, value = obj.get("field"), obj.get("value")
    if not (isinstance(field, str) and FIELD_RE.match(field)):
        raise BadSnapshotError(f"{where}: bad field")
    if value is not None and not (isinstance(value, str) and is_value(value)):
        raise BadSnapshotError(f"{where}: bad value")


_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def _decode(line: bytes, n: int) -> dict[str, Any]:
    """``batch._loads`` for a snapshot line, with one decoder for all lines (faster)."""
    try:
        obj = _DECODER.decode(line.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise BadSnapshotError(f"snapshot line {n}: not valid JSON") from exc
    if not isinstance(obj, dict):
        raise BadSnapshotError(f"snapshot line {n}: not a JSON object")
    return obj


def read_part(data: bytes, part: Part, snap_id: str, number: int) -> Iterator[dict[str, Any]]:
    """The checked lines of one part whose bytes match the manifest; raises
    ``BadSnapshotError`` before the first line for a file that does not match, and while
    streaming for a damaged line (the caller's transaction then rolls back)."""
    if len(data) != part.size or hashlib.sha256(data).hexdigest() != part.sha256:
        raise BadSnapshotError(f"{part.name}: does not match the manifest")
    return _part_lines(data, part, snap_id, number)


def _part_lines(data: bytes, part: Part, snap_id: str, number: int) -> Iterator[dict[str, Any]]:
    held: list[bytes | None] = []
    n = 0
    digest = hashlib.sha256()
    try:
        for index, line in enumerate(_stream_lines(data)):
            if index == 0:
                if line is None:
                    raise BadSnapshotError(f"{part.name}: bad header")
                header = _loads(line, "header")
                if (
                    header.get("magic") != PART_MAGIC
                    or header.get("snapshot") != snap_id
                    or header.get("part") != number
                ):
                    raise BadSnapshotError(f"{part.name}: not part {number} of {snap_id}")
                continue
            held.append(line)
            if len(held) < 3:
                continue
            n += 1
            record_line = held.pop(0)
            if record_line is None:
                raise BadSnapshotError(f"{part.name}: line {n} too long")
            digest.update(record_line + b"\n")
            obj = _decode(record_line, n)
            _check_line(obj, n)
            yield obj
    except BadSnapshotError:
        raise
    except BadBatchError as exc:
        raise BadSnapshotError(f"{part.name}: {exc}") from exc
    if len(held) != 2 or held[-1] != b"" or held[0] is None:
        raise BadSnapshotError(f"{part.name}: truncated")
    trailer = _loads(held[0], "trailer")
    if (
        trailer.get("trailer") != TRAILER
        or trailer.get("count") != n
        or n != part.lines
        or trailer.get("sha256") != digest.hexdigest()
    ):
        raise BadSnapshotError(f"{part.name}: count or checksum does not match")
