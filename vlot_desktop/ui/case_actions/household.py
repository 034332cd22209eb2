"""Household members as the case actions show them, and file names without personal data."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from vlot_desktop.db.queries.cases import CaseDetail, MemberRow


def is_erased(member: MemberRow) -> bool:
    """True when the member's names were erased (retention or "Persoon wissen")."""
    return not any(
        (member.first_name, member.last_name, member.first_name_cyrillic, member.last_name_cyrillic)
    )


def member_number(detail: CaseDetail, member_id: str) -> int:
    """The member's place in the household as the detail pane lists it (1 = contact person)."""
    for number, member in enumerate(detail.members, start=1):
        if member.id == member_id:
            return number
    raise LookupError(member_id)


def member_label(detail: CaseDetail, member: MemberRow) -> str:
    """'Olena Kovalenko (Олена Коваленко)', or 'Gezinslid 2 (gewist)' for an erased one."""
    if is_erased(member):
        return QCoreApplication.translate("CaseActions", "Household member %1 (erased)").replace(
            "%1", str(member_number(detail, member.id))
        )
    return member.display_name


def file_stem(reference: str) -> str:
    """A case reference made safe as part of a file name (references hold no personal data)."""
    return re.sub(r"[^\w.-]+", "_", reference).strip("._") or "dossier"
