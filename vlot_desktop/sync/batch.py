"""The share's layout and the change-batch file format (format 1).

Layout under the share folder::

    FORMAT.json                                       {"format": 1, "created_at": ..., ...}
    changes/<device>_<epoch>_<seqfrom>-<seqto>.chg.gz one laptop's changes, written once

A batch is gzip'd NDJSON (UTF-8), one JSON object per line:

1. header: ``{"magic": "vlot-sync-batch", "format": 1, "protection": "none", "scope": "all",
   "device", "epoch", "seq_from", "seq_to", "count", "hlc_min", "hlc_max", "created_at"}``.
   ``protection`` says how the records are protected ("none" now; an encrypted batch names its
   scheme there later); ``scope`` says whose records these are ("all" now; per-team folders
   later).
2. ``count`` records: ``{"hlc", "dev", "seq", "t" (table), "pk", "op" ("upsert" | "delete" |
   "purge"), "f" ({field: value}; for a purge ``{field: null}`` of the erased fields, or ``{}``
   for the whole row), "base" ({field: HLC the writer had seen, or null}; a delete's
   ``{"_row": HLC}`` is the newest write of the row its writer had seen), "user"}``; values
   are JSON exactly as SQLite stores them (text dates, 0/1 booleans; a blob as ``{"$hex": ..}``).
3. trailer: ``{"trailer": "vlot-sync-end", "count", "sha256"}``, the SHA-256 of the record
   lines (each with its newline).

Files on the share are untrusted: the reader caps the compressed size, the decompressed size and
the line length, checks every type, verifies the count and the checksum (:func:`scan_batch`, one
streaming pass that keeps no records), and only then are the records read again, a chunk at a
time, to be applied (:func:`iter_record_chunks`), so a damaged file is rejected whole and never
partly applied, and a large batch never sits in memory at once. Fields this version does not
know are kept apart (``extra``); a record of a table it does not know has all its fields there.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from vlot_desktop.sync.capture import HLC_RE

FORMAT_VERSION = 1
FORMAT_FILE = "FORMAT.json"
CHANGES = "changes"
MAGIC = "vlot-sync-batch"
TRAILER = "vlot-sync-end"
PROTECTION_NONE = "none"
SCOPE_ALL = "all"

MAX_FORMAT_BYTES = 64 * 1024
MAX_BATCH_BYTES = 64 * 1024 * 1024
MAX_DECOMPRESSED = 512 * 1024 * 1024
MAX_LINE = 4 * 1024 * 1024
MAX_TEXT = 1024 * 1024
# No record line a laptop writes is shorter than 128 bytes, so a batch within
# MAX_DECOMPRESSED never holds more records than this; a header announcing more is refused.
MAX_RECORDS = MAX_DECOMPRESSED // 128

BATCH_RE = re.compile(
    r"^([0-9a-f][0-9a-f-]{0,35})_([0-9a-z]{1,16})_([0-9]{1,15})-([0-9]{1,15})\.chg\.gz$"
)
ID_RE = re.compile(r"^[0-9A-Za-z-]{1,64}$")
FIELD_RE = re.compile(r"^[a-z_][a-z0-9_]{0,63}$")
OPS = ("upsert", "delete", "purge")
# In a delete's ``base``: the newest write of the row its writer had seen (added in format 1 as
# an optional key; a reader that does not know it ignores it, as any unknown base key).
ROW_BASE = "_row"


class BadBatchError(ValueError):
    """A batch file that is damaged, truncated or not ours: skipped whole, and reported."""


class NewerFormatError(Exception):
    """The share or a batch was written by a newer version: this laptop must be updated."""

    message_nl = (
        "De share bevat gegevens van een nieuwere versie van VLOT Desktop: werk de toepassing "
        "bij. Tot dan stuurt deze laptop niets naar de share."
    )

    def __init__(self, message: str, version: int = FORMAT_VERSION + 1) -> None:
        super().__init__(message)
        self.version = version
        self.laptops: list[str] = []  # the laptops that wrote the newer files (labels)


def batch_name(device: str, epoch: str, seq_from: int, seq_to: int) -> str:
    return f"{device.lower()}_{epoch}_{seq_from}-{seq_to}.chg.gz"


@dataclass(frozen=True)
class BatchName:
    device: str
    epoch: str
    seq_from: int
    seq_to: int


def parse_batch_name(name: str) -> BatchName | None:
    """The parts of a batch file name, or None for anything else (temp files, copies)."""
    match = BATCH_RE.match(name)
    if not match:
        return None
    device, epoch, seq_from, seq_to = match.groups()
    return BatchName(device, epoch, int(seq_from), int(seq_to))


def format_document(now: dt.datetime | None = None) -> bytes:
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    doc = {"format": FORMAT_VERSION, "created_at": stamp, "app": "vlot-desktop"}
    return (json.dumps(doc, indent=2) + "\n").encode("utf-8")


def check_format_document(data: bytes) -> int:
    """The format version in FORMAT.json; raises for a damaged or newer one."""
    try:
        doc = json.loads(data.decode("utf-8"))
        version = doc["format"]
        if not isinstance(version, int) or isinstance(version, bool):
            raise TypeError(version)
    except (ValueError, KeyError, TypeError) as exc:
        raise BadBatchError(f"{FORMAT_FILE} is damaged") from exc
    if version > FORMAT_VERSION:
        raise NewerFormatError(
            f"the share has format {version}; this version of VLOT Desktop reads up to "
            f"{FORMAT_VERSION}: update the application",
            version,
        )
    return version


@dataclass
class Record:
    hlc: str
    dev: str
    seq: int
    table: str
    pk: str
    op: str
    fields: dict[str, Any]
    base: dict[str, str | None]
    user: str | None = None
    # Fields this version does not know (a newer laptop added them): kept, not applied.
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "hlc": self.hlc,
            "dev": self.dev,
            "seq": self.seq,
            "t": self.table,
            "pk": self.pk,
            "op": self.op,
            "f": {**self.fields, **self.extra},
            "base": self.base,
            "user": self.user,
        }


@dataclass
class Batch:
    header: dict[str, Any]
    records: list[Record]
    sha256: str
    skipped_records: int = 0  # records of tables this version does not know (set aside)


def _line(obj: Mapping[str, Any]) -> bytes:
    return (
        json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
    ).encode("utf-8")


def write_batch(out: BinaryIO, header: Mapping[str, Any], records: Iterable[Record]) -> str:
    """Stream one batch into ``out``; returns the records' SHA-256. ``header["count"]`` must
    match the records given."""
    digest = hashlib.sha256()
    count = 0
    full_header = {
        "magic": MAGIC,
        "format": FORMAT_VERSION,
        "protection": PROTECTION_NONE,
        "scope": SCOPE_ALL,
        **header,
    }
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, compresslevel=6) as gz:
        gz.write(_line(full_header))
        for record in records:
            line = _line(record.to_json())
            digest.update(line)
            gz.write(line)
            count += 1
        if count != header["count"]:
            raise ValueError(f"batch header says {header['count']} records, wrote {count}")
        gz.write(_line({"trailer": TRAILER, "count": count, "sha256": digest.hexdigest()}))
    return digest.hexdigest()


def record_line_length(record: Record) -> int:
    """The bytes of ``record``'s line in a batch (the reader refuses more than MAX_LINE)."""
    return len(_line(record.to_json()))


def records_digest(records: Iterable[Record]) -> str:
    """The checksum :func:`write_batch` puts in the trailer for these records."""
    digest = hashlib.sha256()
    for record in records:
        digest.update(_line(record.to_json()))
    return digest.hexdigest()


_IN_CHUNK = 64 * 1024
_OUT_CHUNK = 256 * 1024


def _stream_lines(data: bytes) -> Iterator[bytes | None]:
    """The decompressed lines of ``data`` without their newline, streamed; the piece after the
    last newline comes last (``b""`` for a whole file). A line longer than ``MAX_LINE`` is not
    kept: it comes as ``None``.

    Raises ``BadBatchError`` for a file that is too large, damaged or truncated gzip, data after
    the gzip stream, or more than ``MAX_DECOMPRESSED`` bytes. These checks end the stream, so a
    caller that makes its own checks once the stream is done sees these first (as when the whole
    file was decompressed at once).
    """
    if len(data) > MAX_BATCH_BYTES:
        raise BadBatchError("file too large")
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # gzip only
    total = 0
    pending = b""
    too_long = False  # the line in progress is longer than MAX_LINE (its bytes are dropped)
    pos = 0
    while pos < len(data) and not inflater.eof:
        source = data[pos : pos + _IN_CHUNK]
        pos += len(source)
        while not inflater.eof:
            try:
                out = inflater.decompress(source, _OUT_CHUNK)
            except zlib.error as exc:
                raise BadBatchError(f"not a gzip file or damaged ({exc})") from exc
            source = inflater.unconsumed_tail
            total += len(out)
            if total > MAX_DECOMPRESSED:
                raise BadBatchError("decompresses to more than the allowed size")
            if not out:
                if not source:
                    break  # this chunk is used up (and nothing was held back in zlib)
                continue
            parts = out.split(b"\n")
            for part in parts[:-1]:
                if too_long:
                    yield None
                    too_long = False
                else:
                    line = pending + part if pending else part
                    yield line if len(line) <= MAX_LINE else None
                pending = b""
            if not too_long:
                pending += parts[-1]
                if len(pending) > MAX_LINE:
                    too_long, pending = True, b""
    if not inflater.eof:
        raise BadBatchError("truncated (the gzip stream does not end)")
    if inflater.unused_data or pos < len(data):
        raise BadBatchError("data after the end of the gzip stream")
    yield None if too_long else pending


def _loads(line: bytes, what: str) -> dict[str, Any]:
    if len(line) > MAX_LINE:
        raise BadBatchError(f"{what}: line too long")
    try:
        obj = json.loads(line.decode("utf-8"), parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:
        raise BadBatchError(f"{what}: not valid JSON") from exc
    if not isinstance(obj, dict):
        raise BadBatchError(f"{what}: not a JSON object")
    return obj


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a value SQLite keeps")  # NaN, Infinity, -Infinity


_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1


def is_value(value: Any) -> bool:
    """A value SQLite stores as it is: anything else would fail (or change) when applied, and a
    record that fails when applied would stop every later sync round (a poison file)."""
    if value is None or isinstance(value, bool | float):
        return True  # (JSON has no NaN or infinity: _loads refuses them)
    if isinstance(value, int):
        return _INT_MIN <= value <= _INT_MAX
    if isinstance(value, str):
        return len(value) <= MAX_TEXT and (value.isascii() or _encodes(value))
    if isinstance(value, dict) and set(value) == {"$hex"}:
        hexed = value["$hex"]
        return (
            isinstance(hexed, str)
            and len(hexed) <= 2 * MAX_TEXT
            and re.fullmatch(r"(?:[0-9A-F]{2})*", hexed) is not None
        )
    return False


def _encodes(text: str) -> bool:
    """False for text with lone surrogates (valid as JSON escapes, not as UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _hlc(value: Any) -> bool:
    return isinstance(value, str) and HLC_RE.match(value) is not None


def _record(obj: dict[str, Any], known: Mapping[str, frozenset[str]], n: int) -> Record:
    where = f"record {n}"
    hlc, dev, seq, table, pk, op = (obj.get(k) for k in ("hlc", "dev", "seq", "t", "pk", "op"))
    fields, base, user = obj.get("f", {}), obj.get("base", {}), obj.get("user")
    if not _hlc(hlc):
        raise BadBatchError(f"{where}: bad hlc")
    if not (isinstance(dev, str) and ID_RE.match(dev)):
        raise BadBatchError(f"{where}: bad device")
    if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq <= _INT_MAX:
        raise BadBatchError(f"{where}: bad seq")
    if not (isinstance(table, str) and FIELD_RE.match(table)):
        raise BadBatchError(f"{where}: bad table")
    if not (isinstance(pk, str) and ID_RE.match(pk)):
        raise BadBatchError(f"{where}: bad key")
    if op not in OPS:
        raise BadBatchError(f"{where}: bad op")
    if not isinstance(fields, dict) or not isinstance(base, dict):
        raise BadBatchError(f"{where}: bad fields")
    if user is not None and not (isinstance(user, str) and ID_RE.match(user)):
        raise BadBatchError(f"{where}: bad user")
    for name, value in fields.items():
        if not FIELD_RE.match(name) or not is_value(value):
            raise BadBatchError(f"{where}: bad field {name[:64]!r}")
    for name, seen in base.items():
        if not FIELD_RE.match(name) or not (seen is None or _hlc(seen)):
            raise BadBatchError(f"{where}: bad base")
    assert isinstance(hlc, str) and isinstance(dev, str) and isinstance(pk, str)
    assert isinstance(op, str) and isinstance(table, str)
    columns = known.get(table)
    if columns is None:
        # A table of a newer version: its record is set aside whole (``sync.extras``), to be
        # written back into snapshots and applied once this laptop is updated.
        return Record(
            hlc=hlc,
            dev=dev,
            seq=seq,
            table=table,
            pk=pk,
            op=op,
            fields={},
            base={ROW_BASE: base[ROW_BASE]} if op == "delete" and base.get(ROW_BASE) else {},
            user=user,
            extra=dict(fields),
        )
    return Record(
        hlc=hlc,
        dev=dev,
        seq=seq,
        table=table,
        pk=pk,
        op=op,
        fields={k: v for k, v in fields.items() if k in columns},
        base={k: v for k, v in base.items() if k in columns or (op == "delete" and k == ROW_BASE)},
        user=user,
        extra={k: v for k, v in fields.items() if k not in columns},
    )


@dataclass
class BatchInfo:
    """What the verifying pass found in a batch; its records are read again by
    :func:`iter_record_chunks`."""

    header: dict[str, Any]
    sha256: str
    count: int  # records in the file
    records: int  # records in the file, all of them merged (set aside when of an unknown table)
    skipped_records: int  # of which of tables this version does not know (set aside)
    devices: frozenset[str]  # the devices of the records (at most two are noted)
    # The records themselves when there were at most ``keep`` of them (small files need no
    # second pass); None otherwise.
    kept: list[Record] | None = None
    max_hlc: str = ""  # the newest HLC of the records


def _check_header(header: dict[str, Any]) -> int:
    """The record count a batch header announces; raises for a header that is not ours."""
    if header.get("magic") != MAGIC:
        raise BadBatchError("not a VLOT change batch")
    version = header.get("format")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BadBatchError("header: bad format")
    if version > FORMAT_VERSION:
        raise NewerFormatError(
            f"a change batch has format {version}; this version reads up to {FORMAT_VERSION}: "
            "update the application",
            version,
        )
    if header.get("protection") != PROTECTION_NONE:
        raise BadBatchError(f"protection {str(header.get('protection'))[:32]!r} not supported")
    count = header.get("count")
    if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= MAX_RECORDS:
        raise BadBatchError("header: bad record count")
    return count


def scan_batch(data: bytes, known: Mapping[str, frozenset[str]], keep: int = 0) -> BatchInfo:
    """Verify a whole batch in one streaming pass (gzip, sizes, header, every record's types,
    count and checksum) without keeping its records (unless there are at most ``keep``);
    ``known`` maps each synced table to its fields.

    Raises ``BadBatchError`` (skip the file and report it) or ``NewerFormatError``. Reading
    stops at the first sign of a bad file: a header that is not ours (or from a newer format),
    more lines than the header announces, or a record that fails its checks; the gzip stream,
    the trailer, the count and the checksum are checked once the stream ends. So the work done
    on a hostile file is bounded by the limits (compressed and decompressed size, line length,
    ``MAX_RECORDS``), never by how many empty or bogus lines it can pack into them.
    """
    count: int | None = None
    header: dict[str, Any] = {}
    # The last pieces read: a piece is a record once two more follow it (the trailer and the
    # empty piece after the last newline come last).
    held: list[bytes | None] = []
    pieces = 0
    body = 0
    digest = hashlib.sha256()
    tally = _Tally(keep)
    for line in _stream_lines(data):
        pieces += 1
        if pieces == 1:
            if line is None:
                raise BadBatchError("header: line too long")
            header = _loads(line, "header")
            count = _check_header(header)
            continue
        held.append(line)
        if len(held) < 3:
            continue
        body += 1
        if count is not None and body > count:
            raise BadBatchError("more records than the header announces")
        record_line = held.pop(0)
        if record_line is None:
            raise BadBatchError(f"record {body}: line too long")
        digest.update(record_line + b"\n")
        tally.add(_record(_loads(record_line, f"record {body}"), known, body), known)
    _check_trailer(held, pieces, count, body, digest.hexdigest())
    return BatchInfo(
        header=header,
        sha256=digest.hexdigest(),
        count=body,
        records=tally.records,
        skipped_records=tally.skipped,
        devices=frozenset(tally.devices),
        kept=tally.kept,
        max_hlc=tally.max_hlc,
    )


@dataclass
class _Tally:
    """What :func:`scan_batch` notes of the records it verified, one at a time (it keeps the
    records themselves only while there are at most ``keep``)."""

    keep: int
    records: int = 0
    skipped: int = 0  # of tables this version does not know (set aside)
    max_hlc: str = ""
    devices: set[str] = field(default_factory=set)  # at most two are noted
    kept: list[Record] | None = field(default_factory=list)

    def add(self, record: Record, known: Mapping[str, frozenset[str]]) -> None:
        self.records += 1
        if record.table not in known:
            self.skipped += 1
        if record.hlc > self.max_hlc:
            self.max_hlc = record.hlc
        if len(self.devices) < 2:
            self.devices.add(record.dev)
        if self.kept is not None:
            self.kept.append(record)
            if len(self.kept) > self.keep:
                self.kept = None


def _check_trailer(
    held: list[bytes | None], pieces: int, count: int | None, body: int, sha256: str
) -> None:
    """Once the stream ended: the file is whole (a header, a trailer after the records, a
    final newline), and the trailer's count and checksum match the records read."""
    # ``held`` ends with the trailer line and the piece after the last newline.
    if pieces < 3 or held[-1] != b"":
        raise BadBatchError("truncated (no header or trailer)")
    trailer_line = held[0]
    if trailer_line is None:
        raise BadBatchError("trailer: line too long")
    trailer = _loads(trailer_line, "trailer")
    if trailer.get("trailer") != TRAILER:
        raise BadBatchError("truncated (no trailer)")
    if count != body or trailer.get("count") != count:
        raise BadBatchError("record count does not match")
    if sha256 != trailer.get("sha256"):
        raise BadBatchError("checksum does not match")


def iter_record_chunks(
    data: bytes, known: Mapping[str, frozenset[str]], size: int = 5000
) -> Iterator[list[Record]]:
    """The records of tables this version knows, in file order, streamed in lists of at most
    ``size``: the second pass over a batch that :func:`scan_batch` accepted."""
    chunk: list[Record] = []
    held: list[bytes | None] = []  # as in scan_batch: a piece is a record once two more follow it
    n = 0
    for index, line in enumerate(_stream_lines(data)):
        if index == 0:
            continue
        held.append(line)
        if len(held) < 3:
            continue
        n += 1
        record_line = held.pop(0)
        if record_line is None:
            raise BadBatchError(f"record {n}: line too long")
        chunk.append(_record(_loads(record_line, f"record {n}"), known, n))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def read_batch(data: bytes, known: Mapping[str, frozenset[str]]) -> Batch:
    """Parse and verify a whole batch, keeping every record (for small batches and tests; the
    sync uses :func:`scan_batch` and :func:`iter_record_chunks`).

    Raises ``BadBatchError`` (skip the file and report it) or ``NewerFormatError``.
    """
    info = scan_batch(data, known)
    records = [r for chunk in iter_record_chunks(data, known) for r in chunk]
    if len(records) != info.records:
        raise BadBatchError("the file changed while it was read")
    return Batch(
        header=info.header,
        records=records,
        sha256=info.sha256,
        skipped_records=info.skipped_records,
    )


def known_fields() -> dict[str, frozenset[str]]:
    """Synced table -> the fields a record may carry for it (all but ``id`` and local ones)."""
    from vlot_desktop.db.models import Base, synced_tables

    return {
        name: frozenset(
            c.name
            for c in Base.metadata.tables[name].columns
            if c.name != "id" and not c.info.get("local")
        )
        for name in synced_tables()
    }
