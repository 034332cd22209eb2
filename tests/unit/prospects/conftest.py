"""Fixtures of the prospect tests: an engine on a prepared data folder."""

from __future__ import annotations




