"""Reading what the user typed: moved to :mod:`vlot_desktop.ui.forms.inputs` (the editing
component's), named here too for the screens that import it from here."""

from vlot_desktop.ui.forms.inputs import InputError, parse_date, parse_int

__all__ = ["InputError", "parse_date", "parse_int"]
