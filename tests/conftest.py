"""Shared fixtures. Qt runs offscreen; every test gets its own data folder."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests must never touch a real user's data folder.
os.environ.pop("VLOT_DATA_DIR", None)

DEMO_TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def prepared_dir(data_dir: Path) -> Path:
    """A data folder with a current database, reference data and a configured user."""
    from vlot_desktop.services.setup import initialise_laptop

    initialise_laptop(data_dir, "An Peeters", "limburg")
    return data_dir


@pytest.fixture(scope="session")
def _demo_small_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from vlot_desktop.demo.loader import load_demo

    folder = tmp_path_factory.mktemp("demo-small")
    load_demo(folder, size="small", seed=7, today=DEMO_TODAY, replace=False)
    return folder


@pytest.fixture
def demo_dir(_demo_small_master: Path, tmp_path: Path) -> Iterator[Path]:
    """A private copy of the small demo data set (seed 7), generated once per test session."""
    folder = tmp_path / "demo"
    shutil.copytree(_demo_small_master, folder)
    yield folder
