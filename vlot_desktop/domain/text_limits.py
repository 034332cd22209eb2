"""How long a free text a user types or imports may be, with the message a user reads.

Free text (notes, remarks, summaries, descriptions, answers) is stored in ``Text`` columns
without a limit of their own. The sync is the limit: every other laptop refuses a change file
that holds a text value longer than ``vlot_desktop.sync.batch.MAX_TEXT`` (1,048,576
characters) or a record line longer than ``MAX_LINE`` (4 MiB of JSON). A value that is too long
must therefore be refused where it is entered (a form, the import), never written and never
cut silently.

``MAX_FREE_TEXT`` is 100,000 characters: some 40 typed pages, far more than any note needs,
and far below the sync's limits. A record line is JSON in UTF-8; one character takes at most
6 bytes there (a control character is escaped as ``\\u0001``; Cyrillic takes 2, an emoji 4),
so one field at the limit takes at most 600,000 bytes. No table has more than two free-text
fields; even six of them at the limit (3.6 MB) still fit in a 4 MiB line with the rest of the
record. Fields that already had a stricter limit keep it (a case summary and a timeline text:
10,000 characters).

Characters are counted as Python counts them (code points): a Ukrainian name in Cyrillic
counts one per letter, as a Latin one does. Pure functions, no database and no Qt; the problem
type is :mod:`vlot_desktop.domain.problems`'s, the message style that of ``location_rules``.
"""

from __future__ import annotations

from vlot_desktop.domain.problems import Problem, Severity

__all__ = ["MAX_FREE_TEXT", "check_text_length", "text_too_long"]

MAX_FREE_TEXT = 100_000


def _thousands(number: int, separator: str) -> str:
    return f"{number:,}".replace(",", separator)


def text_too_long(field_name: str, length: int, limit: int = MAX_FREE_TEXT) -> Problem:
    """The error for a text of ``length`` characters in a field that takes ``limit``.

    The message says how long the text is and how long it may be, so the user knows how much
    to take out, and that it was not saved (the text stays on screen to be shortened).
    """
    return Problem(
        field_name,
        f"Deze tekst is te lang: {_thousands(length, '.')} tekens, hoogstens "
        f"{_thousands(limit, '.')}. Hij is niet bewaard; maak hem korter.",
        f"This text is too long: {_thousands(length, ',')} characters, at most "
        f"{_thousands(limit, ',')}. It was not saved; make it shorter.",
        Severity.ERROR,
    )


def check_text_length(
    field_name: str, text: str | None, limit: int = MAX_FREE_TEXT
) -> list[Problem]:
    """No problem for an empty text or one of at most ``limit`` characters; else the error."""
    if text is None or len(text) <= limit:
        return []
    return [text_too_long(field_name, len(text), limit)]
