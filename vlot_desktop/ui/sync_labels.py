"""Readable names of synced tables and fields, and values as the conflict list shows them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

_TABLES: dict[str, Callable[[], str]] = {
    "location": lambda: QCoreApplication.translate("SyncLabels", "Reception location"),
    "place": lambda: QCoreApplication.translate("SyncLabels", "Reception place"),
    "location_partner": lambda: QCoreApplication.translate("SyncLabels", "Location partner"),
    "organisation": lambda: QCoreApplication.translate("SyncLabels", "Organisation"),
    "contact_person": lambda: QCoreApplication.translate("SyncLabels", "Contact person"),
    "staff_user": lambda: QCoreApplication.translate("SyncLabels", "Staff member"),
    "device": lambda: QCoreApplication.translate("SyncLabels", "Laptop"),
    "case_file": lambda: QCoreApplication.translate("SyncLabels", "Case"),
    "household_member": lambda: QCoreApplication.translate("SyncLabels", "Household member"),
    "case_event": lambda: QCoreApplication.translate("SyncLabels", "Case event"),
    "question": lambda: QCoreApplication.translate("SyncLabels", "Helpdesk question"),
    "contact_moment": lambda: QCoreApplication.translate("SyncLabels", "Contact moment"),
    "meeting": lambda: QCoreApplication.translate("SyncLabels", "Meeting"),
    "meeting_item": lambda: QCoreApplication.translate("SyncLabels", "Meeting item"),
    "prospect_visit": lambda: QCoreApplication.translate("SyncLabels", "Prospect visit"),
    "finding": lambda: QCoreApplication.translate("SyncLabels", "Finding"),
    "attachment": lambda: QCoreApplication.translate("SyncLabels", "Attachment"),
}

_FIELDS: dict[str, Callable[[], str]] = {
    "(deleted)": lambda: QCoreApplication.translate("SyncLabels", "(deleted record)"),
    "(edited)": lambda: QCoreApplication.translate("SyncLabels", "edited, deleted elsewhere"),
    "name": lambda: QCoreApplication.translate("SyncLabels", "Name"),
    "notes": lambda: QCoreApplication.translate("SyncLabels", "Notes"),
    "status": lambda: QCoreApplication.translate("SyncLabels", "Status"),
    "email": lambda: QCoreApplication.translate("SyncLabels", "E-mail address"),
    "phone": lambda: QCoreApplication.translate("SyncLabels", "Phone"),
    "first_name": lambda: QCoreApplication.translate("SyncLabels", "First name"),
    "last_name": lambda: QCoreApplication.translate("SyncLabels", "Last name"),
    "role": lambda: QCoreApplication.translate("SyncLabels", "Role"),
    "active": lambda: QCoreApplication.translate("SyncLabels", "Active"),
    "subject": lambda: QCoreApplication.translate("SyncLabels", "Subject"),
    "reference": lambda: QCoreApplication.translate("SyncLabels", "Reference"),
    "label": lambda: QCoreApplication.translate("SyncLabels", "Label"),
    "address": lambda: QCoreApplication.translate("SyncLabels", "Address"),
    "kind": lambda: QCoreApplication.translate("SyncLabels", "Kind"),
}


def table_label(table: str) -> str:
    """The name of a synced table for people; the table name when it has none."""
    label = _TABLES.get(table)
    return label() if label is not None else table


def field_label(field: str) -> str:
    """The name of a field for people; the column name when it has none."""
    label = _FIELDS.get(field)
    return label() if label is not None else field


def value_text(value: Any) -> str:
    if value is None:
        return QCoreApplication.translate("SyncLabels", "(empty)")
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("SyncLabels", "yes")
            if value
            else QCoreApplication.translate("SyncLabels", "no")
        )
    return str(value)
