"""Shared fixtures. Qt runs offscreen; every test gets its own data folder."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests must never touch a real user's data folder.
os.environ.pop("VLOT_DATA_DIR", None)

DEMO_TODAY = dt.date(2026, 11, 26)

# Hypothesis (docs/testing.md): the default run is the same every time (a fixed seed, no
# example database); HYPOTHESIS_PROFILE=thorough hunts with fresh random examples, more of them.
settings.register_profile("default-run", derandomize=True, database=None, print_blob=True)
settings.register_profile("thorough", max_examples=500, database=None, print_blob=True)
if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
elif getattr(settings, "_current_profile", "default") == "default":  # (mutation runs: theirs)
    settings.load_profile("default-run")


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


@pytest.fixture
def engine(prepared_dir: Path) -> Iterator[Any]:
    """The engine of ``prepared_dir``'s database (the one engine fixture; a test module that
    needs more set-up overrides it by asking for this one)."""
    from vlot_desktop import paths
    from vlot_desktop.db.engine import make_engine

    eng = make_engine(paths.database_path(prepared_dir))
    yield eng
    eng.dispose()


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
