"""Every sub-command of the command line (init, demo, sync, dump, locations, reports, ...), one
module per topic; ``cli.py`` only parses the arguments and dispatches to them.

Each module in this package defines ``register(sub)``, which adds its parsers to the
sub-command set and gives each a ``run`` default: ``parser.set_defaults(run=func)`` with
``func(args, data_dir) -> int`` (the exit code). :func:`register_all` finds the modules
itself, so a new area adds a module here and touches nothing else. Keep the modules light at
import time (import SQLAlchemy, reportlab, openpyxl inside ``func``): every start of the
application imports them.

Errors a user can cause print one line (``fail``) and return non-zero; never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

EXIT_PROBLEM = 1

RunCommand = Callable[[argparse.Namespace, Path], int]


if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register_all(sub: SubParsers) -> None:
    """Let every module of this package add its sub-commands (in module-name order)."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.register(sub)


def fail(message: str) -> int:
    """Print one plain line for the user and return the 'problem' exit code."""
    print(f"vlot-desktop: {message}", file=sys.stderr)
    return EXIT_PROBLEM
