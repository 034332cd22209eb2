"""How much data each demo size generates.

``locations`` and ``places`` are minimums: locations are added until both are reached, because
the number of places per location depends on the drawn location types. Household members follow
from the cases (about 2.5 per case).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoSize:
    name: str
    locations: int
    places: int
    prospects: int
    cases: int
    questions: int
    contact_moments: int


SIZES: dict[str, DemoSize] = {
    "small": DemoSize("small", 190, 1_500, 120, 1_200, 800, 5_000),
    "medium": DemoSize("medium", 950, 7_500, 600, 6_000, 4_000, 25_000),
    "large": DemoSize("large", 5_000, 40_000, 3_000, 50_000, 40_000, 200_000),
}
