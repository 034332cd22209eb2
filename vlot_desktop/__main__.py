"""``python -m vlot_desktop`` does exactly what the ``vlot-desktop`` command does."""

import sys

from vlot_desktop.cli import main

sys.exit(main())
