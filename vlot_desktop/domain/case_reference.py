"""Case references that stay unique across laptops without a server (docs/case-references.md).

A new reference is ``TYPE-YEAR-LAPTOP-NUMBER``, e.g. ``HH-2026-K7MX-0042``:

- ``TYPE``: HH (herhuisvesting), KP (kwetsbaar profiel), FI (FEDASIL-instroom);
- ``YEAR``: the year the case was opened;
- ``LAPTOP``: the code of the laptop that made it: a letter, a digit, then two or more symbols,
  all from :data:`CODE_ALPHABET` (no 0/O or 1/I/L to mix up when read aloud or typed from
  paper, no U). It is a hash of the laptop's device id, so every laptop derives the code of
  every other laptop it knows from the synced ``device`` table, and widens its own by one
  symbol at a time while a known device has the same code (:func:`laptop_code`);
- ``NUMBER``: this laptop's sequence in that year (over all types), at least four digits.

Older references (``HH-2026-00042``: one sequence per laptop, which two offline laptops could
both use) keep their value; they are read as :class:`CaseReference` with ``laptop=None``.
Pure functions only: the database part (which devices are known, the highest number used) is
in ``services.cases``.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from vlot_desktop.domain.enums import CaseType

TYPE_PREFIXES: dict[CaseType, str] = {
    CaseType.REHOUSING: "HH",
    CaseType.VULNERABLE: "KP",
    CaseType.FEDASIL_INTAKE: "FI",
}

# 8 digits + 22 letters; left out: 0 and O, 1 and I and L (look alike), U (no accidental words).
CODE_DIGITS = "23456789"
CODE_LETTERS = "ABCDEFGHJKMNPQRSTVWXYZ"
CODE_ALPHABET = CODE_DIGITS + CODE_LETTERS
CODE_LENGTH = 4  # 22 x 8 x 30 x 30 = 158,400 codes before any widening
MAX_CODE_LENGTH = 12  # sha256 gives far more; two ids sharing 12 symbols do not happen
NUMBER_DIGITS = 4
LEGACY_NUMBER_DIGITS = 5

_CODE_REST = f"{{{CODE_LENGTH - 2},{MAX_CODE_LENGTH - 2}}}"
_CODE = f"[{CODE_LETTERS}][{CODE_DIGITS}][{CODE_ALPHABET}]{_CODE_REST}"
_PREFIXES = "|".join(TYPE_PREFIXES.values())
# Strict: exactly as stored and printed.
_STRICT = re.compile(
    rf"({_PREFIXES})-(\d{{4}})-(?:({_CODE})-(\d{{{NUMBER_DIGITS},}})|(\d+))", re.ASCII
)
# Lenient: what a person types or reads out ("hh 2026 k7mx 42", "HH/2026/K7MX/0042").
_SEPARATORS = re.compile(r"[\s\-_/.]+")


class CodeClashError(ValueError):
    """Two different device ids with the same code stream up to :data:`MAX_CODE_LENGTH`."""


@dataclass(frozen=True)
class CaseReference:
    """A parsed reference; ``laptop`` is ``None`` for an older ``HH-2026-00042``."""

    prefix: str
    year: int
    laptop: str | None
    number: int

    def __str__(self) -> str:
        if self.laptop is None:
            return f"{self.prefix}-{self.year}-{self.number:0{LEGACY_NUMBER_DIGITS}d}"
        return f"{self.prefix}-{self.year}-{self.laptop}-{self.number:0{NUMBER_DIGITS}d}"

    @property
    def sequence_prefix(self) -> str:
        """``HH-2026-K7MX-``: what every reference of this type, year and laptop starts with."""
        return sequence_prefix(self.prefix, self.year, self.laptop or "")


def sequence_prefix(type_prefix: str, year: int, laptop: str) -> str:
    """``HH-2026-K7MX-`` (``HH-2026-`` for an older reference, ``laptop`` empty)."""
    return f"{type_prefix}-{year}-{laptop}-" if laptop else f"{type_prefix}-{year}-"


def code_stream(device_id: str) -> str:
    """The device's code symbols, :data:`MAX_CODE_LENGTH` of them: its code is a prefix.

    A hash of the whole id (lower case, trimmed), not the id's first characters: a device id is
    a UUIDv7 whose first 12 hex digits are the time it was made, so laptops set up on the same
    day would share them.
    """
    return _stream(device_id.strip().lower())


@functools.lru_cache(maxsize=4096)
def _stream(device_id: str) -> str:
    value = int.from_bytes(hashlib.sha256(device_id.encode()).digest(), "big")
    value, first = divmod(value, len(CODE_LETTERS))
    value, second = divmod(value, len(CODE_DIGITS))
    symbols = [CODE_LETTERS[first], CODE_DIGITS[second]]
    for _ in range(MAX_CODE_LENGTH - 2):
        value, rest = divmod(value, len(CODE_ALPHABET))
        symbols.append(CODE_ALPHABET[rest])
    return "".join(symbols)


def laptop_code(device_id: str, known_device_ids: Iterable[str] = ()) -> str:
    """This laptop's code: the first :data:`CODE_LENGTH` symbols of its stream, one more for
    as long as another known device's stream starts the same way.

    Every laptop computes the same streams. Two laptops have different codes as soon as one
    of them knows the other (its ``device`` row has synced in): that one's code is then at
    least as long as their common start plus one, so the two codes differ in a symbol or in
    length. ``device_id`` itself may be among ``known_device_ids``.
    """
    me = device_id.strip().lower()
    if not me:
        raise ValueError("a laptop code needs a device id")
    mine = code_stream(me)
    others = {code_stream(o) for o in known_device_ids if o.strip().lower() != me}
    length = CODE_LENGTH
    while any(other[:length] == mine[:length] for other in others):
        length += 1
        if length > MAX_CODE_LENGTH:
            raise CodeClashError(f"device {device_id} has the code stream of another device")
    return mine[:length]


def format_reference(case_type: CaseType, year: int, laptop: str, number: int) -> str:
    """``HH-2026-K7MX-0042``; ``laptop`` must be a code made by :func:`laptop_code`."""
    reference = str(CaseReference(TYPE_PREFIXES[case_type], year, laptop, number))
    if parse_reference(reference) is None or number < 1:
        raise ValueError(f"not a valid reference: {reference!r}")
    return reference


def parse_reference(text: str) -> CaseReference | None:
    """The parts of a reference exactly as stored (new or older format), else ``None``.

    A new reference must be in its one written form (upper case, ``-``, the number padded to
    four digits, no more); an older one may have any number of digits.
    """
    found = _STRICT.fullmatch(text)
    if found is None:
        return None
    prefix, year, laptop, number, legacy_number = found.groups()
    if laptop is None:
        # Any width: written before this module, by this program (5 digits) or by hand.
        return CaseReference(prefix, int(year), None, int(legacy_number))
    parsed = CaseReference(prefix, int(year), laptop, int(number))
    return parsed if str(parsed) == text and parsed.number > 0 else None


def normalise_reference(text: str) -> str | None:
    """A reference as someone types or reads it out, in its stored form; ``None`` when ``text``
    is not a whole reference.

    Case, separators (space, -, _, /, .) and leading zeros of the number do not matter:
    "hh 2026 k7mx 42" gives "HH-2026-K7MX-0042", "kp/2025/7" gives "KP-2025-00007".
    """
    parts = [p for p in _SEPARATORS.split(text.strip().upper()) if p]
    last = parts[-1] if parts else ""
    if len(parts) not in (3, 4) or not (last.isascii() and last.isdigit()) or int(last) < 1:
        return None
    number = int(last)
    if len(parts) == 3:
        candidate = f"{parts[0]}-{parts[1]}-{number:0{LEGACY_NUMBER_DIGITS}d}"
    else:
        candidate = f"{parts[0]}-{parts[1]}-{parts[2]}-{number:0{NUMBER_DIGITS}d}"
    return candidate if parse_reference(candidate) is not None else None
