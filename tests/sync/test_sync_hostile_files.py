"""Hostile files on the share, met by a real sync round: refused whole, reported, bounded.

Every file on the share is untrusted (a colleague's broken laptop, another program, someone
with write access to the folder). A laptop that meets one must not change its database, must
say which file it skipped and why, and must stop reading at its limits: the work done and the
memory used are bounded by the size limits, never by what the file claims or contains.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import tracemalloc
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_sync_laptops import ORG, Laptop, add_org, org

from vlot_desktop import cli
from vlot_desktop.sync import batch as batch_mod
from vlot_desktop.sync.batch import CHANGES, MAGIC, TRAILER, batch_name

OTHER = "0196a000-0000-7000-8000-0000000000ee"
EPOCH = "e1"
HLC = "1795000000000-00000000"


def good_record(n: int = 1, **change: Any) -> dict[str, Any]:
    record = {
        "hlc": f"{1_795_000_000_000 + n:013d}-00000000",
        "dev": OTHER,
        "seq": n,
        "t": "organisation",
        "pk": f"0196a000-0000-7000-8000-{n:012d}",
        "op": "upsert",
        "f": {
            "name": f"Vreemde organisatie {n}",
            "kind": "ocmw",
            "created_at": "2026-01-01 00:00:00.000000",
            "updated_at": "2026-01-01 00:00:00.000000",
        },
        "base": {"name": None, "kind": None, "created_at": None, "updated_at": None},
        "user": OTHER,
    }
    record.update(change)
    return record


FIELDS: dict[str, Any] = good_record()["f"]


def deflate_bomb(prefix: bytes, fill: int, size: int) -> bytes:
    """A gzip file of a few MB that inflates to ``prefix`` and then about ``size`` bytes
    ``fill``: fixed-Huffman deflate (literals, then matches of 258 bytes at distance 1), built
    in milliseconds instead of seconds of compressing. Its CRC is not filled in: no reader gets
    that far."""
    bits: list[int] = [1, 1, 0]  # last block; fixed codes (BTYPE 01, least significant first)

    def code(value: int, n: int) -> None:  # Huffman codes go most significant bit first
        bits.extend((value >> (n - 1 - i)) & 1 for i in range(n))

    for byte in (*prefix, fill):
        if byte < 144:
            code(0b00110000 + byte, 8)
        else:
            code(0b110010000 + byte - 144, 9)
    start = -(-len(bits) // 8)  # the first byte made of matches only
    for _ in range(24):
        code(0b11000101, 8)  # length 258
        code(0, 5)  # distance 1
    code(0, 7)  # end of block
    bits.extend([0] * (-len(bits) % 8))
    raw = bytes(sum(b << i for i, b in enumerate(bits[k : k + 8])) for k in range(0, len(bits), 8))
    period = raw[start : start + 13]  # 8 matches: 104 bits, 13 bytes, the same bit phase
    repeats = max(0, size // (8 * 258))
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
    return header + raw[:start] + period * repeats + raw[start:] + b"\0" * 8


def raw_batch(
    lines: list[bytes], *, count: int | None = None, header: dict[str, Any] | None = None
) -> bytes:
    """A gzip'd batch around ``lines`` (record lines without newline) with a correct count and
    checksum unless told otherwise: the hostile part is then in the records themselves."""
    body = b"".join(line + b"\n" for line in lines)
    head = {
        "magic": MAGIC,
        "format": 1,
        "protection": "none",
        "scope": "all",
        "device": OTHER,
        "epoch": EPOCH,
        "seq_from": 1,
        "seq_to": max(1, len(lines)),
        "count": len(lines) if count is None else count,
        "hlc_min": HLC,
        "hlc_max": HLC,
        "created_at": "2026-01-01T00:00:00Z",
    }
    head.update(header or {})
    trailer = {"trailer": TRAILER, "count": len(lines), "sha256": hashlib.sha256(body).hexdigest()}
    plain = json.dumps(head).encode() + b"\n" + body + json.dumps(trailer).encode() + b"\n"
    return gzip.compress(plain, compresslevel=6)


def encoded(record: dict[str, Any]) -> bytes:
    return json.dumps(record, separators=(",", ":")).encode()


def valid_batch(n: int = 20) -> bytes:
    return raw_batch([encoded(good_record(i)) for i in range(1, n + 1)])


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


@pytest.fixture
def pair(tmp_path: Path, share: Path) -> tuple[Laptop, Laptop]:
    a = Laptop(tmp_path, "an", share, create=True)
    b = Laptop(tmp_path, "bart", share)
    add_org(a)
    for laptop in (a, b, a, b):
        laptop.sync()
    return a, b


class Seqs:
    """A fresh, valid batch name per hostile file (so each is judged on its own)."""

    def __init__(self) -> None:
        self.next = 1

    def name(self) -> str:
        seq = self.next
        self.next += 1
        return batch_name(OTHER, EPOCH, seq, seq)


def state(laptop: Laptop) -> tuple[str, list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """What must not change: the data, the conflicts, and the sync clocks of the fields."""
    return (
        laptop.dump(),
        laptop.conflicts(),
        laptop.sql("SELECT tbl, pk, field, hlc, dev FROM sync_field_clock ORDER BY 1, 2, 3"),
    )


def hostile_batches() -> Iterator[tuple[str, bytes]]:
    rng = random.Random(11)
    good = valid_batch()
    yield "random bytes", rng.randbytes(5000)
    yield "empty file", b""
    yield "gzip of random bytes", gzip.compress(rng.randbytes(5000))
    for cut in (10, len(good) // 3, len(good) - 9, len(good) - 1):
        yield f"truncated at {cut}", good[:cut]
    for _ in range(4):
        flipped = bytearray(good)
        flipped[rng.randrange(10, len(flipped))] ^= 1 << rng.randrange(8)
        yield "a flipped bit", bytes(flipped)
    plain = gzip.decompress(good)
    yield "edited after writing", gzip.compress(plain.replace(b"organisatie 3", b"organisatie 9"))
    yield "a second gzip member", good + good
    yield "more records than announced", raw_batch([encoded(good_record(1))] * 3, count=1)
    yield "an empty line as record", raw_batch([b"", encoded(good_record(1))])
    yield "record is not an object", raw_batch([b"[1, 2, 3]"])
    deep = b"[" * 200_000 + b"]" * 200_000
    yield "deeply nested record", raw_batch([deep])
    deep_field = encoded(good_record(1)).replace(b'"ocmw"', b"[" * 50_000 + b"]" * 50_000)
    yield "deeply nested field value", raw_batch([deep_field])
    yield "deeply nested header", gzip.compress(b"{" * 100_000 + b"\n")
    yield "header of another program", raw_batch([encoded(good_record(1))], header={"magic": "x"})
    yield (
        "encrypted (unknown protection)",
        raw_batch([encoded(good_record(1))], header={"protection": "aes-gcm"}),
    )
    yield "header announces a billion records", raw_batch([encoded(good_record(1))], count=10**9)
    for constant in (b"NaN", b"Infinity", b"-Infinity"):
        line = encoded(good_record(2)).replace(b'"ocmw"', constant)
        yield f"{constant.decode()} as a value", raw_batch([encoded(good_record(1)), line])
    yield "records of another laptop", raw_batch([encoded(good_record(1, dev="0196a0ff"))])
    for label, change in (
        ("table name with SQL", {"t": "organisation; DROP TABLE organisation"}),
        ("field name with SQL", {"f": {"name = 'x' --": "x"}}),
        ("key with a path", {"pk": "../../etc/passwd"}),
        ("value of a wrong type", {"f": {"name": {"$eval": "__import__('os')"}}}),
        ("unknown operation", {"op": "drop"}),
        ("clock in words", {"hlc": "tomorrow"}),
        ("text above the limit", {"f": {"notes": "x" * (batch_mod.MAX_TEXT + 1)}}),
        # Values JSON can hold but SQLite cannot store: before, applying them failed and
        # rolled back the whole round, every round (a poison file that stopped all sync).
        ("an integer beyond 64 bits", {"f": {**FIELDS, "name": 10**30}}),
        ("a sequence number beyond 64 bits", {"seq": 2**64}),
        ("text with a lone surrogate", {"f": {**FIELDS, "name": "caf\udce9"}}),
    ):
        yield label, raw_batch([encoded(good_record(1)), encoded(good_record(2, **change))])


def test_hostile_change_files_are_rejected_whole_reported_and_change_nothing(
    pair: tuple[Laptop, Laptop], share: Path
) -> None:
    _, b = pair
    before = state(b)
    seqs = Seqs()
    for label, data in hostile_batches():
        name = seqs.name()
        (share / CHANGES / name).write_bytes(data)
        report = b.sync()
        assert [r["file"] for r in report.rejected_files] == [name], label
        assert report.rejected_files[0]["reason"], label
        assert report.applied_records == 0, label
        assert state(b) == before, f"{label}: the database changed"
        assert b.sql("SELECT status FROM sync_ingested WHERE file = ?", name) == [("rejected",)]
    # Reported once: the next round does not read them again.
    again = b.sync()
    assert again.rejected_files == [] and again.files_read == 0
    # A good file from the same laptop after all that still comes in.
    (share / CHANGES / seqs.name()).write_bytes(valid_batch(3))
    assert b.sync().applied_records == 3


def test_the_bombs_inflate_to_what_they_claim() -> None:
    small = deflate_bomb(b'{"a":1}', ord("\n"), 100_000)
    inflated = zlib.decompressobj(31).decompress(small[:-8])  # (no CRC: not read that far)
    assert inflated[:7] == b'{"a":1}' and set(inflated[7:]) == {ord("\n")}
    assert 100_000 <= len(inflated) - 7 <= 100_000 + 30 * 258
    big = deflate_bomb(b"", 0, 600 << 20)
    assert len(big) < 5 << 20
    assert zlib.decompressobj(31).decompress(big[: 1 << 20], 1 << 20) == b"\0" * (1 << 20)


def test_a_newline_bomb_is_refused_after_a_few_lines(
    pair: tuple[Laptop, Laptop], share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """600 MB of newlines in 4 MB: before, every line was hashed and held (minutes of CPU)."""
    _, b = pair
    before = state(b)
    header = json.dumps({"magic": MAGIC, "format": 1, "protection": "none", "count": 1})
    bombs = {
        "count 1": deflate_bomb(header.encode(), ord("\n"), 600 << 20),
        "empty records": raw_batch([b""] * 10, count=batch_mod.MAX_RECORDS),
    }
    lines_read: list[int] = []
    real_stream = batch_mod._stream_lines

    def counted(data: bytes) -> Iterator[bytes | None]:
        lines_read.append(0)
        for line in real_stream(data):
            lines_read[-1] += 1
            yield line

    monkeypatch.setattr(batch_mod, "_stream_lines", counted)
    seqs = Seqs()
    for label, bomb in bombs.items():
        name = seqs.name()
        (share / CHANGES / name).write_bytes(bomb)
        report = b.sync()
        assert [r["file"] for r in report.rejected_files] == [name], label
        assert max(lines_read) <= 5, f"{label}: {max(lines_read)} lines read"
        lines_read.clear()
    assert state(b) == before


def test_a_gzip_bomb_and_an_oversized_file_stop_at_the_limits(
    pair: tuple[Laptop, Laptop], share: Path
) -> None:
    """Real limits: a gzip bomb of 4 MB that inflates to 600 MB and a 1 GB (sparse) file."""
    _, b = pair
    before = state(b)
    seqs = Seqs()
    bomb_name, big_name = seqs.name(), seqs.name()
    (share / CHANGES / bomb_name).write_bytes(deflate_bomb(b"", 0, 600 << 20))
    with (share / CHANGES / big_name).open("wb") as big:
        big.truncate(1 << 30)
    tracemalloc.start()
    try:
        report = b.sync()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    reasons = {r["file"]: r["reason"] for r in report.rejected_files}
    assert reasons[bomb_name] == "decompresses to more than the allowed size"
    assert "larger than" in reasons[big_name]
    # Reading stopped at the compressed limit (64 MB) instead of the file's 1 GB, and the bomb
    # was inflated a piece at a time: the peak is the one capped read plus small buffers.
    assert peak < batch_mod.MAX_BATCH_BYTES + (24 << 20), f"peak {peak / 1e6:.0f} MB"
    assert state(b) == before


def test_unknown_tables_and_fields_of_a_newer_version_never_reach_the_schema(
    pair: tuple[Laptop, Laptop], share: Path
) -> None:
    _, b = pair
    tables = b.sql("SELECT name, sql FROM sqlite_master ORDER BY name")
    newer = [
        encoded(good_record(1, t="future_table", f={"x": 1}, base={"x": None})),
        encoded(good_record(2, t="sqlite_master", f={"sql": "DROP TABLE organisation"})),
        encoded(good_record(3, f={**FIELDS, "name": "Nieuw veld", "added_in_v2": "geheim"})),
    ]
    name = Seqs().name()
    (share / CHANGES / name).write_bytes(raw_batch(newer))
    report = b.sync()
    assert report.rejected_files == []  # a newer laptop's file: what is known applies
    assert report.applied_records == 1
    assert b.sql("SELECT name, sql FROM sqlite_master ORDER BY name") == tables
    assert b.sql("SELECT name FROM organisation WHERE id = ?", good_record(3)["pk"]) == [
        ("Nieuw veld",)
    ]
    assert org(b) == [("OCMW Hasselt", None)]


def test_blob_names_with_path_tricks_are_never_used_as_paths(
    pair: tuple[Laptop, Laptop], share: Path, tmp_path: Path
) -> None:
    _, b = pair
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"not for the share")
    tricks = [
        "../../FORMAT.json",
        str(secret),
        "C:\\Windows\\win.ini",
        "ab\\..\\..\\secret.txt",
        "ab:cd",
        "..",
        "AB" * 32,  # upper-case hex: not the name any laptop writes
        "a" * 63 + "/",
    ]
    records = [
        encoded(
            good_record(
                i,
                t="attachment",
                pk=f"0196a000-0000-7000-8000-{i:012d}",
                f={"sha256": sha, "file_name": "x.png", "owner_table": "prospect_visit"},
                base={"sha256": None},
            )
        )
        for i, sha in enumerate(tricks, 1)
    ]
    (share / CHANGES / Seqs().name()).write_bytes(raw_batch(records))
    on_share = sorted(p.relative_to(share).as_posix() for p in share.rglob("*"))
    report = b.sync()
    assert report.blob_errors == [] and report.blobs_missing == 0
    assert b.sql("SELECT count(*) FROM sync_blob") == [(0,)]  # nothing to fetch
    assert sorted(p.relative_to(share).as_posix() for p in share.rglob("*")) == on_share
    assert not (b.dir / "attachments").exists() or not any((b.dir / "attachments").rglob("*"))
    assert secret.read_bytes() == b"not for the share"


def test_files_with_odd_names_are_ignored_and_never_read(
    pair: tuple[Laptop, Laptop], share: Path
) -> None:
    _, b = pair
    before = state(b)
    good = valid_batch(2)
    odd = [
        batch_name(OTHER, EPOCH, 1, 1).upper(),  # SMB names are case-insensitive: not ours
        batch_name(OTHER, EPOCH, 2, 2) + "-LAPTOP-7",  # a OneDrive conflict copy
        "..\\..\\" + batch_name(OTHER, EPOCH, 3, 3),
        batch_name(OTHER, EPOCH, 4, 4).replace("_", ":", 1),
        ".tmp-other-1-abcd",
        "desktop.ini",
    ]
    for name in odd:
        (share / CHANGES / name).write_bytes(good)
    os.symlink("/etc/hostname", share / CHANGES / "link.chg.gz")
    report = b.sync()
    assert report.files_read == 0 and report.rejected_files == []
    assert state(b) == before


GARBAGE_FORMAT_FILES: list[tuple[str, bytes | None]] = [
    ("random bytes", random.Random(5).randbytes(300)),
    ("empty", b""),
    ("not an object", b"[1]"),
    ("format as text", b'{"format": "1"}'),
    ("format as boolean", b'{"format": true}'),
    ("deeply nested", b"[" * 100_000 + b"]" * 100_000),
    ("too large", b'{"format": 1, "x": "' + b"x" * (1 << 20) + b'"}'),
    ("a folder", None),
]


def test_a_garbage_format_file_stops_the_sync_before_anything_is_sent(
    pair: tuple[Laptop, Laptop], share: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, _ = pair
    a.sql("UPDATE organisation SET notes = 'nog niet verstuurd' WHERE id = ?", ORG)
    before = (state(a), a.sql("SELECT pushed_seq, folded_seq FROM sync_clock"))
    listing = sorted(p.name for p in (share / CHANGES).iterdir())
    fmt = share / "FORMAT.json"
    original = fmt.read_bytes()
    for label, content in GARBAGE_FORMAT_FILES:
        fmt.unlink()
        if content is None:
            fmt.mkdir()
        else:
            fmt.write_bytes(content)
        capsys.readouterr()
        assert cli.main(["--data-dir", str(a.dir), "sync", "--json"]) == 1, label
        captured = capsys.readouterr()
        assert captured.out == "", label
        err = captured.err.strip().splitlines()
        assert len(err) == 1 and ("FORMAT.json" in err[0] or "cannot be used" in err[0]), err
        assert sorted(p.name for p in (share / CHANGES).iterdir()) == listing, label
        assert (state(a), a.sql("SELECT pushed_seq, folded_seq FROM sync_clock")) == before
        if content is None:
            fmt.rmdir()
            fmt.write_bytes(b"")
    fmt.write_bytes(original)
    assert a.sync().pushed_records == 1  # the share is whole again: the edit goes


def test_a_newer_format_file_says_update_and_sends_nothing(
    pair: tuple[Laptop, Laptop], share: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, _ = pair
    a.sql("UPDATE organisation SET notes = 'nog niet verstuurd' WHERE id = ?", ORG)
    listing = sorted(p.name for p in (share / CHANGES).iterdir())
    (share / "FORMAT.json").write_bytes(b'{"format": 99}')
    capsys.readouterr()
    assert cli.main(["--data-dir", str(a.dir), "sync"]) == 1
    assert "update the application" in capsys.readouterr().err
    assert sorted(p.name for p in (share / CHANGES).iterdir()) == listing


def test_a_record_the_database_refuses_does_not_stop_every_later_round(
    pair: tuple[Laptop, Laptop], share: Path
) -> None:
    _, b = pair
    first, later = good_record(1), good_record(2)
    later.update(pk=first["pk"], hlc="1795000000009-00000000", f={"name": None})
    seqs = Seqs()
    name = seqs.name()
    (share / CHANGES / name).write_bytes(raw_batch([encoded(first), encoded(later)]))
    # A good file in the same round, after the refused one.
    fine = good_record(3)
    (share / CHANGES / seqs.name()).write_bytes(raw_batch([encoded(fine)]))
    report = b.sync()  # NOT NULL constraint failed: the file is refused, not the round
    assert [r["file"] for r in report.rejected_files] == [name]
    assert "refused by the database" in report.rejected_files[0]["reason"]
    # Nothing of the refused file stays (its first record alone would have been fine) ...
    assert b.sql("SELECT name FROM organisation WHERE id = ?", first["pk"]) == []
    # ... the good file is in, and the next round neither retries nor reports the bad one.
    assert b.sql("SELECT name FROM organisation WHERE id = ?", fine["pk"]) == [
        ("Vreemde organisatie 3",)
    ]
    assert b.sync().rejected_files == []
