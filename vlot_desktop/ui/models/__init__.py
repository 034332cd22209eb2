"""Table models over lightweight rows from ``db.queries`` (never ORM objects)."""
