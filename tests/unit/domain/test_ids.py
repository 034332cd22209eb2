"""UUIDv7 ids: version 7, RFC variant, time-ordered, and reproducible for the demo generator."""

from __future__ import annotations

import random
import time
import uuid

import pytest

from vlot_desktop.domain.ids import uuid7, uuid7_time_ms

MS_2026 = 1_795_000_000_000  # a millisecond in 2026


def test_version_and_variant_are_those_of_uuid7() -> None:
    for text in [uuid7(), uuid7(MS_2026), uuid7(MS_2026, random.Random(1))]:
        value = uuid.UUID(text)
        assert value.version == 7
        assert value.variant == uuid.RFC_4122
        assert len(text) == 36 and text == str(value)  # canonical lower-case text


def test_the_timestamp_is_the_first_48_bits() -> None:
    assert uuid7_time_ms(uuid7(MS_2026)) == MS_2026
    before = time.time_ns() // 1_000_000
    made = uuid7_time_ms(uuid7())
    after = time.time_ns() // 1_000_000
    assert before <= made <= after


def test_ids_made_later_sort_later_as_text() -> None:
    # Explicit timestamps: many random parts, always ordered by time.
    rng = random.Random(5)
    for step in range(200):
        earlier = uuid7(MS_2026 + step, rng)
        later = uuid7(MS_2026 + step + 2, rng)
        assert earlier < later
    # The clock: ids made 2 ms apart sort by time.
    first = uuid7()
    time.sleep(0.002)
    second = uuid7()
    assert first < second


def test_same_seed_and_time_give_the_same_id() -> None:
    assert uuid7(MS_2026, random.Random(42)) == uuid7(MS_2026, random.Random(42))
    assert uuid7(MS_2026, random.Random(42)) != uuid7(MS_2026, random.Random(43))
    rng = random.Random(42)
    assert uuid7(MS_2026, rng) != uuid7(MS_2026, rng)  # the source moves on


def test_random_ids_do_not_repeat() -> None:
    ids = {uuid7(MS_2026) for _ in range(5000)}
    assert len(ids) == 5000


def _fields(text: str) -> dict[str, int]:
    """The fields of a UUIDv7 (RFC 9562, section 5.7) as numbers."""
    value = uuid.UUID(text).int
    return {
        "unix_ts_ms": value >> 80,
        "ver": (value >> 76) & 0xF,
        "rand_a": (value >> 64) & 0xFFF,
        "var": (value >> 62) & 0b11,
        "rand_b": value & ((1 << 62) - 1),
    }


def test_the_74_random_bits_fill_rand_a_and_rand_b_in_order() -> None:
    odd_ms = MS_2026 + 1  # the lowest bit of the time is kept too
    bits = random.Random(3).getrandbits(74)
    assert bits >> 73 == 1 and bits & 1 == 1  # the highest and the lowest random bit are set
    assert _fields(uuid7(odd_ms, random.Random(3))) == {
        "unix_ts_ms": odd_ms,
        "ver": 7,
        "rand_a": bits >> 62,
        "var": 0b10,
        "rand_b": bits & ((1 << 62) - 1),
    }


def test_without_a_random_source_all_74_random_bits_come_from_the_system(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("vlot_desktop.domain.ids.os.urandom", lambda n: b"\xff" * n)
    assert _fields(uuid7(MS_2026)) == {
        "unix_ts_ms": MS_2026,
        "ver": 7,
        "rand_a": 0xFFF,
        "var": 0b10,
        "rand_b": (1 << 62) - 1,
    }
    monkeypatch.setattr("vlot_desktop.domain.ids.os.urandom", lambda n: b"\x00" * n)
    # 1_795_000_000_000 ms = 0x01a1ee565e00; then the version 7 and the variant 0b10.
    assert uuid7(MS_2026) == "01a1ee56-5e00-7000-8000-000000000000"
