"""``python -m vlot_desktop`` does exactly what the ``vlot-desktop`` command does.

Guarded like every entry script: a spawned helper process (``sync/snapshot_read.py``) must
not start the application again (multiprocessing does not re-run a package's ``__main__``,
but a frozen or script entry point is imported again, under the name ``__mp_main__``).
"""

import multiprocessing
import sys

from vlot_desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the packaged (frozen) app starts its helpers here
    sys.exit(main())
