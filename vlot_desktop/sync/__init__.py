"""Sync between laptops through a plain file share (docs/sync-format.md). No Qt here, ever."""
