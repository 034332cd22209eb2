"""The editing component of the forms (docs/adding-a-screen.md, "A form that saves as the user
types"): ``RecordEditor`` and its fields, related people, and bulk changes asked first and
undone with one click."""

from vlot_desktop.ui.forms.bulk import BulkQuestion, UndoOffer
from vlot_desktop.ui.forms.fields import (
    ChoiceField,
    DateField,
    Field,
    FlagField,
    NotesField,
    NumberField,
    TextField,
    Unreadable,
)
from vlot_desktop.ui.forms.people import Entry, NewPersonDialog, PersonField
from vlot_desktop.ui.forms.record_editor import RecordEditor

__all__ = [
    "BulkQuestion",
    "ChoiceField",
    "DateField",
    "Entry",
    "Field",
    "FlagField",
    "NewPersonDialog",
    "NotesField",
    "NumberField",
    "PersonField",
    "RecordEditor",
    "TextField",
    "UndoOffer",
    "Unreadable",
]
