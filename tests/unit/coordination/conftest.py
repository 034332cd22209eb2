"""Fixtures of the coordination tests (contacts, meetings, VLOT-flits): coordination_fixtures."""

from coordination_fixtures import office

__all__ = ["office"]
