"""Case actions: matching a case to free places, its PDFs, and the privacy tools (issue 6).

Stand-alone widgets and actions for the Dossiers screen and the main window; each runs its
slow work in a ``TaskRunner`` worker. The API:

``MatchingPanel(context, runner, parent=None)``
    ``set_case(case_id | None)``, ``reload()``; signals ``loaded()`` and ``assigned(case_id)``
    (after places were assigned: the case's status and the location's occupancy changed;
    ``context.data_changed`` is emitted too).

``case_actions(context, runner, parent, case_id_getter, on_changed=None, opener=None)``
    -> ``[Dossieroverzicht (PDF)…, Inzage-export van een persoon…, Persoon wissen…]`` for
    the case ``case_id_getter()`` returns; ``on_changed(case_id)`` runs after an erasure.
    Disable the actions while no case is chosen.

``agenda_action(context, runner, parent, opener=None)``
    -> "Agenda wekelijks overleg (PDF)…" (main window, e.g. the Rapporten/Bestand menu).

``retention_action(context, runner, parent)``
    -> "Bewaartermijn toepassen…" (main window). The retention period is a setting of the
    laptop (``services.privacy.load_retention_months``, default 12, 1 to 120 months), also
    editable in Instellingen through ``RetentionMonthsField``.

``opener(path)`` opens a written PDF (or the export's folder); it defaults to the system's
viewer (``common.open_in_viewer``), which tests replace. Dialogs can also be used directly:
``CaseSummaryDialog``, ``AgendaDialog``, ``SubjectAccessDialog``, ``RetentionDialog``,
``MemberEraser``.
"""

from vlot_desktop.ui.case_actions.actions import (
    CaseActionController,
    agenda_action,
    case_actions,
    retention_action,
)
from vlot_desktop.ui.case_actions.agenda_dialog import AgendaDialog
from vlot_desktop.ui.case_actions.matching_panel import MatchingPanel
from vlot_desktop.ui.case_actions.member_erase import MemberEraser
from vlot_desktop.ui.case_actions.retention_dialog import RetentionDialog
from vlot_desktop.ui.case_actions.retention_setting import RetentionMonthsField
from vlot_desktop.ui.case_actions.subject_access_dialog import SubjectAccessDialog
from vlot_desktop.ui.case_actions.summary_dialog import CaseSummaryDialog

__all__ = [
    "AgendaDialog",
    "CaseActionController",
    "CaseSummaryDialog",
    "MatchingPanel",
    "MemberEraser",
    "RetentionDialog",
    "RetentionMonthsField",
    "SubjectAccessDialog",
    "agenda_action",
    "case_actions",
    "retention_action",
]
