"""What the Synchronisatie screen lists of the change files, as it asks for it (in a worker).

``rows`` takes a connection (``Store.read`` gives one) and returns the change files this laptop
wrote, took in or refused, the most recent first, each with the laptop and user that wrote it
(read from the file's name, a part of the share format).
"""

from __future__ import annotations

from sqlalchemy import Connection

from vlot_desktop.db.queries.sync import IngestedRow, device_names, ingested_rows
from vlot_desktop.sync.batch import parse_batch_name


def rows(conn: Connection, limit: int = 500) -> list[IngestedRow]:
    """The change files exchanged with the share, the most recent first."""
    devices = device_names(conn)
    result = []
    for file, records, status, reason in ingested_rows(conn, limit):
        parsed = parse_batch_name(file)
        label, user = devices.get(parsed.device, (None, None)) if parsed else (None, None)
        result.append(IngestedRow(file, label, user, records, status, reason))
    return result
