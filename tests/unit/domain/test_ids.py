"""UUIDv7 ids: version 7, RFC variant, time-ordered, and reproducible for the demo generator."""

from __future__ import annotations

import random
import time
import uuid

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
