"""The pure rules of case references: laptop codes, the format, parsing what people type."""

from __future__ import annotations

import random

import pytest

from vlot_desktop.domain import case_reference as rules
from vlot_desktop.domain.case_reference import (
    CODE_ALPHABET,
    CODE_LENGTH,
    MAX_CODE_LENGTH,
    CaseReference,
    CodeClashError,
    code_stream,
    format_reference,
    laptop_code,
    normalise_reference,
    parse_reference,
)
from vlot_desktop.domain.enums import CaseType
from vlot_desktop.domain.ids import uuid7

MS = 1_795_000_000_000  # a millisecond in 2026


def same_code_pair(rng: random.Random, length: int = CODE_LENGTH) -> tuple[str, str]:
    """Two device ids (made in the same millisecond) whose codes share ``length`` symbols."""
    seen: dict[str, str] = {}
    while True:
        device = uuid7(MS, rng)
        prefix = code_stream(device)[:length]
        if prefix in seen:
            return seen[prefix], device
        seen[prefix] = device


def test_the_alphabet_has_nothing_to_mix_up() -> None:
    assert len(CODE_ALPHABET) == len(set(CODE_ALPHABET)) == 30
    assert not set("0O1ILU") & set(CODE_ALPHABET)
    assert CODE_ALPHABET.isupper() and CODE_ALPHABET.isascii()


def test_a_code_is_a_letter_a_digit_then_symbols_the_same_on_every_laptop() -> None:
    device = "019b2f4e-8c1a-7d3e-9f00-123456789abc"
    stream = code_stream(device)
    assert len(stream) == MAX_CODE_LENGTH
    assert stream[0].isalpha() and stream[1].isdigit()
    assert set(stream) <= set(CODE_ALPHABET)
    # Derived from the id alone: any laptop computes it; case and spaces do not matter.
    assert code_stream(f"  {device.upper()} ") == stream
    assert laptop_code(device) == stream[:CODE_LENGTH]


def test_ids_made_the_same_moment_get_different_codes() -> None:
    # A UUIDv7 starts with its time: its first characters would be the same for laptops set
    # up together. The code hashes the whole id.
    rng = random.Random(3)
    devices = [uuid7(MS, rng) for _ in range(300)]
    assert len({d[:13] for d in devices}) == 1
    assert len({laptop_code(d) for d in devices}) >= 299


def test_laptops_that_know_each_other_always_get_different_codes() -> None:
    rng = random.Random(2)
    devices = [uuid7(MS, rng) for _ in range(1000)]  # 1000 > sqrt(158,400): clashes at 4
    codes = [laptop_code(d, devices) for d in devices]
    assert len(set(codes)) == len(devices)
    assert any(len(c) > CODE_LENGTH for c in codes)
    assert sum(len(c) == CODE_LENGTH for c in codes) > 980  # widened only where needed


def test_laptops_that_joined_one_after_another_get_different_codes() -> None:
    # Each new laptop knows the earlier ones (from its first sync), not the other way round:
    # knowing is needed on one side only.
    rng = random.Random(2)
    devices = [uuid7(MS, rng) for _ in range(1000)]
    codes = [laptop_code(d, devices[:i]) for i, d in enumerate(devices)]
    assert len(set(codes)) == len(devices)
    assert any(len(c) > CODE_LENGTH for c in codes)


def test_a_clash_with_a_known_device_widens_the_code() -> None:
    first, second = same_code_pair(random.Random(5))
    assert laptop_code(first) == laptop_code(second)  # two laptops that never met
    # One that knows the other widens (the other does the same once it learns of the first).
    widened = laptop_code(second, [first, second])
    assert len(widened) > CODE_LENGTH and widened.startswith(laptop_code(second))
    other = laptop_code(first, [second])
    assert len(other) == len(widened) and other != widened
    assert widened != laptop_code(first)  # and never equal to the narrow code of the first
    assert laptop_code(second, [f" {second.upper()}"]) == laptop_code(second)  # itself: no


def test_a_device_needs_an_id_and_a_total_clash_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(ValueError, match="device id"):
        laptop_code("  ")
    monkeypatch.setattr(rules, "code_stream", lambda device: "K7" + "X" * (MAX_CODE_LENGTH - 2))
    with pytest.raises(CodeClashError):
        laptop_code("a", ["b"])


def test_format_and_parse() -> None:
    reference = format_reference(CaseType.REHOUSING, 2026, "K7MX", 42)
    assert reference == "HH-2026-K7MX-0042"
    assert parse_reference(reference) == CaseReference("HH", 2026, "K7MX", 42)
    assert format_reference(CaseType.VULNERABLE, 2027, "K7MXA", 12345) == "KP-2027-K7MXA-12345"
    assert format_reference(CaseType.FEDASIL_INTAKE, 2026, "A2BC", 1) == "FI-2026-A2BC-0001"
    longest = format_reference(CaseType.REHOUSING, 2026, "K7" + "X" * 10, 99_999)
    assert len(longest) <= 30  # case_file.reference is String(30)
    for code, number in [("K0MX", 1), ("7KMX", 1), ("KMXT", 1), ("K7M", 1), ("k7mx", 1)]:
        with pytest.raises(ValueError):
            format_reference(CaseType.REHOUSING, 2026, code, number)
    with pytest.raises(ValueError):
        format_reference(CaseType.REHOUSING, 2026, "K7MX", 0)


def test_older_references_still_parse_and_keep_their_value() -> None:
    assert parse_reference("HH-2026-00042") == CaseReference("HH", 2026, None, 42)
    assert str(parse_reference("KP-2025-00007")) == "KP-2025-00007"
    assert parse_reference("HH-2026-0001") == CaseReference("HH", 2026, None, 1)  # any width


@pytest.mark.parametrize(
    "text",
    [
        "hh-2026-k7mx-0042",  # stored upper case
        "HH-2026-K7MX-42",  # padded to four digits
        "HH-2026-K7MX-00042",  # and no more
        "HH-2026-K7MX-0000",
        "XX-2026-K7MX-0042",
        "HH-26-K7MX-0042",
        "HH-2026-K7OX-0042",  # O, 0, I, 1, L, U are never in a code
        "HH-2026-K1MX-0042",
        "HH-2026-KLMX-0042",
        "HH-2026-K7MU-0042",
        "HH-2026-K7MX-٤٢٠٠",  # other digits than 0-9
        "HH-2026-K7MX-0042 ",
        "HH-2026",
        "",
    ],
)
def test_parse_refuses_anything_but_the_written_form(text: str) -> None:
    assert parse_reference(text) is None


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("HH-2026-K7MX-0042", "HH-2026-K7MX-0042"),
        ("hh 2026 k7mx 42", "HH-2026-K7MX-0042"),
        (" HH/2026/K7MX/042 ", "HH-2026-K7MX-0042"),
        ("fi.2026.a2bc.7", "FI-2026-A2BC-0007"),
        ("kp 2025 7", "KP-2025-00007"),
        ("HH-2026-00042", "HH-2026-00042"),
        ("HH-2026-K7MX", None),
        ("HH-2026-K7MX-0", None),
        ("HH-2026-K7OX-42", None),
        ("K7MX-0042", None),
        ("HH-2026-K7MX-²", None),
        ("", None),
    ],
)
def test_normalise_what_people_type_or_read_out(typed: str, stored: str | None) -> None:
    assert normalise_reference(typed) == stored


def test_references_sort_older_first_then_by_laptop_and_number() -> None:
    references = [
        "HH-2026-K7MX-0010",
        "HH-2026-B3AA-0002",
        "HH-2026-00042",
        "HH-2026-K7MX-0002",
        "FI-2026-K7MX-0001",
    ]
    assert sorted(references) == [
        "FI-2026-K7MX-0001",
        "HH-2026-00042",
        "HH-2026-B3AA-0002",
        "HH-2026-K7MX-0002",
        "HH-2026-K7MX-0010",
    ]


def test_the_sequence_prefix_is_what_every_reference_of_a_laptop_starts_with() -> None:
    parsed = parse_reference("HH-2026-K7MX-0042")
    assert parsed is not None and parsed.sequence_prefix == "HH-2026-K7MX-"
    legacy = parse_reference("HH-2026-00042")
    assert legacy is not None and legacy.sequence_prefix == "HH-2026-"
