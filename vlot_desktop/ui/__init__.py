"""Everything Qt: the main window, its screens, dialogs, models and background tasks.

Nothing outside this package (and ``app.py``) imports PySide6. Screens import the database
layer lazily, inside the functions that run after the data folder is open, so that the window
can be shown before SQLAlchemy is imported.
"""
