"""Time-ordered text identifiers (UUIDv7, RFC 9562) for records created on many laptops.

Python 3.11 has no ``uuid.uuid7``; this is the small part of it we need. The demo generator
passes its own random source and timestamp so that the same seed gives the same ids.
"""

from __future__ import annotations

import os
import random
import time
import uuid


def uuid7(unix_ms: int | None = None, rng: random.Random | None = None) -> str:
    """A new UUIDv7 as text: 48 bits of milliseconds, then version, variant and random bits."""
    if unix_ms is None:
        unix_ms = time.time_ns() // 1_000_000
    rand = rng.getrandbits(74) if rng is not None else int.from_bytes(os.urandom(10)) >> 6
    rand_a = rand >> 62  # 12 bits
    rand_b = rand & ((1 << 62) - 1)
    value = (unix_ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= rand_a << 64
    value |= 0b10 << 62
    value |= rand_b
    return str(uuid.UUID(int=value))


def uuid7_time_ms(text: str) -> int:
    """The millisecond timestamp inside a UUIDv7 (for tests and diagnostics)."""
    return uuid.UUID(text).int >> 80
