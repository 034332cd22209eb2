"""The ``helpdesk`` fixture: a prepared data folder with contact persons and sector
coordinators (``helpdesk_data``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpdesk_data import Helpdesk, open_helpdesk


@pytest.fixture
def helpdesk(prepared_dir: Path) -> Iterator[Helpdesk]:
    opened = open_helpdesk(prepared_dir)
    yield opened
    opened.engine.dispose()
