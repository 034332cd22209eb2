"""Sync between laptops through a plain file share (DESIGN.md §4). No Qt here, ever."""
