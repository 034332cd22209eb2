"""``file:`` URIs for :func:`sqlite3.connect` that work for any folder name.

``f"file:{path}?mode=ro"`` breaks on folder names with ``#``, ``%`` or ``?`` (a data folder called
"Team #2" lost everything after the ``#``, including ``mode=ro``, so SQLite opened, and created,
the wrong file). Here the path is percent-encoded. Plain sqlite3 only: no SQLAlchemy import.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlencode


def sqlite_uri(db_path: Path, **params: str) -> str:
    """``file:///...`` for ``db_path`` (absolute, percent-encoded) with query ``params``."""
    path = db_path.absolute().as_posix()
    if not path.startswith("/"):
        # Windows drive paths: C:/x -> file:///C:/x, as SQLite documents.
        path = "/" + path
    uri = "file://" + quote(path, safe="/:")
    if params:
        uri += "?" + urlencode(params)
    return uri
