"""``python -m vlot_desktop`` does exactly what the ``vlot-desktop`` command does.

Guarded: a helper process (``sync/snapshot_read.py``, spawned) imports this module under
another name and must not start the application again.
"""

import multiprocessing
import sys

from vlot_desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the packaged (frozen) app starts its helpers here
    sys.exit(main())
