"""Field values between a change record (JSON) and SQLite, and their canonical text.

A record holds JSON values; SQLite stores booleans as 0/1 and blobs as bytes, which a record
carries as ``{"$hex": "..."}``. The field clocks, conflicts and tombstones keep a value as its
canonical JSON text, so that the same value always reads the same on every laptop. Used by the
merge, the purge, the bootstrap and the outbox.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def to_sql(value: Any) -> Any:
    """A JSON value from a record as SQLite stores it."""
    if isinstance(value, dict):
        return bytes.fromhex(str(value["$hex"]))
    if isinstance(value, bool):
        return int(value)
    return value


def from_sql(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$hex": value.hex().upper()}
    return value


def stored_text(value: Any) -> str:
    """Canonical JSON of a value as SQLite stores it (booleans as 0/1, blobs in upper-case hex),
    so a value kept with a clock reads the same as the one read back from the row."""
    kind = type(value)
    if kind is str:
        return str(encode_basestring(value))
    if value is None:
        return "null"
    if kind is int:
        return str(value)
    return canonical(from_sql(to_sql(value)))
