"""The share folder (write-once, counted, retried) and the batch format (hostile input)."""

from __future__ import annotations

import errno
import gzip
import io
import json
import os
import random
from pathlib import Path
from typing import Any

import pytest

from vlot_desktop.sync import batch as batch_mod
from vlot_desktop.sync import share as share_mod
from vlot_desktop.sync.batch import (
    BadBatchError,
    NewerFormatError,
    Record,
    batch_name,
    check_format_document,
    format_document,
    known_fields,
    parse_batch_name,
    read_batch,
    write_batch,
)
from vlot_desktop.sync.share import FolderShare, TooLargeError

DEV = "0196a000-0000-7000-8000-00000000000a"


def share_at(tmp_path: Path, **kwargs: Any) -> FolderShare:
    root = tmp_path / "share"
    root.mkdir(exist_ok=True)
    return FolderShare(root, retry_delays=(0.001, 0.001, 0.001), **kwargs)


def test_write_once_creates_never_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    share = share_at(tmp_path)
    share.makedirs("changes")
    share.write_once("changes/a.chg.gz", lambda out: out.write(b"first"))
    with pytest.raises(FileExistsError):
        share.write_once("changes/a.chg.gz", lambda out: out.write(b"second"))
    assert share.read("changes/a.chg.gz", 100) == b"first"
    assert share.list("changes") == ["a.chg.gz"]  # no temp file left behind
    info = share.stat("changes/a.chg.gz")
    assert info is not None and info.size == 5
    assert share.stat("changes/missing") is None
    share.delete("changes/a.chg.gz")
    assert share.list("changes") == []


def test_every_call_is_counted(tmp_path: Path) -> None:
    share = share_at(tmp_path)
    share.makedirs("changes")
    before = share.ops
    share.list("changes")
    assert share.ops == before + 1
    before = share.ops
    share.write_once("changes/x", lambda out: out.write(b"x" * 10))
    # create, one buffered write, fsync, link, unlink of the temp name
    assert share.ops - before == 5
    before = share.ops
    share.read("changes/x", 100)
    assert share.ops - before >= 2  # open, read(s)


def test_names_with_path_tricks_or_bad_characters_are_refused(tmp_path: Path) -> None:
    share = share_at(tmp_path)
    for bad in ("../x", "a/../../b", "a:b", "con<", "", "/abs", "a\\b", ".hidden"):
        with pytest.raises(ValueError):
            share.read(bad, 10)


def test_read_is_capped(tmp_path: Path) -> None:
    share = share_at(tmp_path)
    (share.root / "big").write_bytes(b"x" * 1000)
    with pytest.raises(TooLargeError):
        share.read("big", 999)
    assert share.read("big", 1000) == b"x" * 1000


def test_transient_errors_are_retried_a_bounded_number_of_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = share_at(tmp_path)
    real_link = os.link
    failures = {"left": 2}

    def flaky_link(src: Any, dst: Any) -> None:
        if failures["left"]:
            failures["left"] -= 1
            raise PermissionError(errno.EACCES, "sharing violation (antivirus)")
        real_link(src, dst)

    monkeypatch.setattr(os, "link", flaky_link)
    share.write_once("f", lambda out: out.write(b"ok"))
    assert share.read("f", 10) == b"ok"

    failures["left"] = 100
    waits: list[float] = []
    monkeypatch.setattr(share_mod.time, "sleep", waits.append)
    with pytest.raises(PermissionError):
        share.write_once("g", lambda out: out.write(b"never"))
    assert 0 < sum(waits) < 1  # a short back-off, not a hang
    assert failures["left"] == 100 - 4  # first try + 3 retries
    assert sorted(os.listdir(share.root)) == ["f"]  # the temp files were removed


def test_without_hard_links_the_rename_still_never_replaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = share_at(tmp_path)

    def no_links(src: Any, dst: Any) -> None:
        raise OSError(errno.EPERM, "no hard links on this file system")

    monkeypatch.setattr(os, "link", no_links)
    share.write_once("f", lambda out: out.write(b"one"))
    with pytest.raises(FileExistsError):
        share.write_once("f", lambda out: out.write(b"two"))
    assert share.read("f", 10) == b"one"
    assert os.listdir(share.root) == ["f"]


def test_latency_is_added_per_operation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    share = share_at(tmp_path, latency_s=0.02)
    waits: list[float] = []
    monkeypatch.setattr(share_mod.time, "sleep", waits.append)
    for _ in range(5):
        share.stat("nothing")
    assert waits == [0.02] * 5
    assert share.ops == 5


def test_format_document() -> None:
    assert check_format_document(format_document()) == 1
    with pytest.raises(NewerFormatError, match="update the application"):
        check_format_document(b'{"format": 2}')
    for damaged in (b"", b"{", b"[]", b'{"format": "1"}'):
        with pytest.raises(BadBatchError):
            check_format_document(damaged)


def test_batch_names() -> None:
    name = batch_name(DEV, "0a1b2c3d", 1, 250)
    assert name == f"{DEV}_0a1b2c3d_1-250.chg.gz"
    parsed = parse_batch_name(name)
    assert parsed is not None and (parsed.seq_from, parsed.seq_to) == (1, 250)
    for other in (".tmp-x-123", "x.chg.gz", name + "-LAPTOP", name.upper(), "desktop.ini"):
        assert parse_batch_name(other) is None


def records(n: int) -> list[Record]:
    return [
        Record(
            hlc=f"{1_795_000_000_000 + i:013d}-{0:08d}",
            dev=DEV,
            seq=i + 1,
            table="organisation",
            pk=f"0196a000-0000-7000-8000-{i:012d}",
            op="upsert",
            fields={"name": f"Organisatie {i} – ë", "kind": "ocmw", "notes": None},
            base={"name": None},
            user=DEV,
        )
        for i in range(n)
    ]


def encode(recs: list[Record], **header: Any) -> bytes:
    out = io.BytesIO()
    head = {"device": DEV, "epoch": "e1", "seq_from": 1, "seq_to": len(recs), "count": len(recs)}
    head.update(header)
    write_batch(out, head, recs)
    return out.getvalue()


def test_a_batch_reads_back_exactly() -> None:
    recs = records(50)
    data = encode(recs)
    batch = read_batch(data, known_fields())
    assert batch.header["device"] == DEV and batch.header["protection"] == "none"
    assert batch.header["scope"] == "all"
    assert [r.to_json() for r in batch.records] == [r.to_json() for r in recs]
    assert len(batch.sha256) == 64


def test_unknown_tables_are_set_aside_and_unknown_fields_kept_apart() -> None:
    recs = records(2)
    recs[0].table = "future_table"
    recs[1].fields["added_in_v2"] = "x"
    batch = read_batch(encode(recs), known_fields())
    assert batch.skipped_records == 1
    newer, known = batch.records
    assert (newer.table, newer.fields) == ("future_table", {})  # set aside whole
    assert newer.extra == recs[0].extra | recs[0].fields
    assert known.extra == {"added_in_v2": "x"}
    assert "added_in_v2" not in known.fields


def test_a_newer_batch_format_says_update() -> None:
    data = encode(records(1))
    lines = gzip.decompress(data).split(b"\n")
    header = json.loads(lines[0])
    header["format"] = 2
    lines[0] = json.dumps(header).encode()
    with pytest.raises(NewerFormatError, match="update the application"):
        read_batch(gzip.compress(b"\n".join(lines)), known_fields())


def damaged_variants(data: bytes) -> list[bytes]:
    rng = random.Random(3)
    out = [b"", b"garbage", bytes(rng.randrange(256) for _ in range(500))]
    out += [data[:cut] for cut in range(0, len(data), max(1, len(data) // 40))]
    for _ in range(60):
        flipped = bytearray(data)
        flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
        out.append(bytes(flipped))
    plain = gzip.decompress(data)
    lines = plain.split(b"\n")
    out.append(gzip.compress(b"\n".join(lines[:-2] + lines[-1:])))  # trailer missing
    out.append(gzip.compress(b"\n".join([lines[0], lines[2], lines[1], *lines[3:]])))  # reordered
    out.append(gzip.compress(plain.replace(b"Organisatie 1 ", b"Organisatie 9 ")))  # edited
    out.append(gzip.compress(plain.replace(b"vlot-sync-batch", b"other-program!!")))
    out.append(gzip.compress(plain.replace(b'"protection":"none"', b'"protection":"aes"')))
    out.append(data + data)  # two gzip members
    return out


def test_damaged_truncated_or_foreign_files_are_rejected_whole() -> None:
    data = encode(records(20))
    rejected = 0
    for variant in damaged_variants(data):
        try:
            batch = read_batch(variant, known_fields())
        except BadBatchError:
            rejected += 1
            continue
        # A flip that gzip and the checksum cannot see does not exist; only the original passes.
        assert variant == data, "a damaged file was accepted"
        assert len(batch.records) == 20
    assert rejected >= 100


def test_hostile_sizes_and_nesting_are_refused_at_their_limits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(batch_mod, "MAX_DECOMPRESSED", 10 * 1024 * 1024)
    bomb = gzip.compress(b"\0" * (40 * 1024 * 1024), compresslevel=9)
    with pytest.raises(BadBatchError, match="allowed size"):
        read_batch(bomb, known_fields())
    nested = b"[" * 100_000 + b"]" * 100_000
    header = json.dumps(
        {"magic": "vlot-sync-batch", "format": 1, "protection": "none", "count": 1}
    ).encode()
    with pytest.raises(BadBatchError):
        read_batch(gzip.compress(header + b"\n" + nested + b"\n{}\n"), known_fields())
    monkeypatch.setattr(batch_mod, "MAX_BATCH_BYTES", 100)
    with pytest.raises(BadBatchError, match="too large"):
        read_batch(b"x" * 101, known_fields())


def test_records_with_bad_types_are_rejected() -> None:
    cases: list[dict[str, Any]] = [
        {"hlc": "yesterday"},
        {"pk": "../../etc"},
        {"op": "drop"},
        {"f": {"name": {"nested": [1]}}},
        {"f": {"Name; DROP": 1}},
        {"base": {"name": 5}},
        {"seq": -1},
        {"t": "sqlite_master"},  # an unknown table: set aside, not an error
    ]
    good = records(1)[0].to_json()
    for change in cases:
        line = {**good, **change}
        body = (json.dumps(line) + "\n").encode()
        import hashlib

        header = json.dumps(
            {"magic": "vlot-sync-batch", "format": 1, "protection": "none", "count": 1}
        )
        trailer = json.dumps(
            {"trailer": "vlot-sync-end", "count": 1, "sha256": hashlib.sha256(body).hexdigest()}
        )
        data = gzip.compress(header.encode() + b"\n" + body + trailer.encode() + b"\n")
        if change.get("t") == "sqlite_master":
            assert read_batch(data, known_fields()).skipped_records == 1
        else:
            with pytest.raises(BadBatchError):
                read_batch(data, known_fields())
