"""Read queries for the screens: plain SQL in, frozen dataclasses out.

No Qt here and no ORM objects out: the GUI runs these in workers (or, for the few that are
guaranteed fast, on the GUI thread) and shows the dataclasses they return. Enum columns are
read as plain text (``type_coerce(..., String)``) so that a value written by a newer laptop is
counted or shown, never a crash.
"""
