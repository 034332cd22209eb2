"""This laptop's wall clock, and change stamps dated too far ahead of it.

The engine, the bootstrap and the compactor all compare stamps with the wall clock; they read
it through this module (``timekeeping.wall_clock()``), so a test sets one clock wrong for all.
"""

from __future__ import annotations

import time

from vlot_desktop.sync.capture import parse_hlc

# The share's file time and this laptop's clock further apart than this: the user is told.
CLOCK_WARN_S = 120.0

# Changes dated further ahead of this laptop's clock than this come from a laptop whose clock
# is badly wrong (or from a hostile file). Applied, they would drag every laptop's clock along
# (the HLC follows the newest stamp it sees) and win every edit until that date. So such a
# file is held back, reported each round, and applied once this laptop's clock gets there.
# A wrong time zone (hours) stays well inside the margin.
MAX_FUTURE_MS = 24 * 3600 * 1000


def wall_clock() -> float:
    """This laptop's clock (a function, so tests can set it wrong)."""
    return time.time()


def too_far_ahead(hlc: str, now_s: float | None = None) -> bool:
    """Whether ``hlc`` lies more than ``MAX_FUTURE_MS`` after the wall clock (or ``now_s``)."""
    if not hlc:
        return False
    now = wall_clock() if now_s is None else now_s
    return parse_hlc(hlc)[0] > now * 1000 + MAX_FUTURE_MS
