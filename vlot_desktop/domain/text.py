"""Text folding for search: lower case, no accents, in Latin and Cyrillic alike.

Search columns store the folded text, and queries fold what the user typed the same way, so
"olen" finds "Olena", "genesius" finds "Sint-Genesius-Rode" and "Олена" finds "олена".
"""

from __future__ import annotations

import unicodedata


def fold(text: str | None) -> str:
    """Lower-case ``text`` and drop combining marks (é -> e, ë -> e, й -> и)."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold_join(*parts: str | None) -> str:
    """Fold several fields into one space-separated search string."""
    return " ".join(f for f in (fold(p) for p in parts) if f)


def like_pattern(user_text: str) -> str:
    """A LIKE pattern (escape char ``\\``) that matches the folded text anywhere."""
    folded = fold(user_text.strip())
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
