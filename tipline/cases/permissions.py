"""Who may do what to a case. Visibility is applied in the query (selectors.cases_visible_to); these rules decide
the actions on a case a member of staff can already see, and the services check them again."""

from __future__ import annotations

import enum

from tipline.accounts.models import Role, StaffUser
from tipline.cases.models import Case, CaseState
from tipline.intake.models import ReporterKind


class Action(enum.Enum):
    READ = "read"
    ACKNOWLEDGE = "acknowledge"
    SCREEN = "screen"
    ASSIGN = "assign"
    TRANSFER = "transfer"
    ASK = "ask"
    NOTE = "note"
    CLOSE = "close"
    MARK_URGENT = "mark_urgent"
    REQUEST_IDENTITY = "request_identity"


_ALLOWED: dict[Action, frozenset[Role]] = {
    Action.READ: frozenset({Role.INTAKE_OFFICER, Role.HANDLER, Role.SUPERVISOR}),
    Action.ACKNOWLEDGE: frozenset({Role.INTAKE_OFFICER, Role.HANDLER, Role.SUPERVISOR}),
    Action.SCREEN: frozenset({Role.INTAKE_OFFICER, Role.HANDLER, Role.SUPERVISOR}),
    Action.ASSIGN: frozenset({Role.SUPERVISOR}),
    Action.TRANSFER: frozenset({Role.SUPERVISOR}),
    Action.ASK: frozenset({Role.HANDLER, Role.SUPERVISOR}),
    Action.NOTE: frozenset({Role.INTAKE_OFFICER, Role.HANDLER, Role.SUPERVISOR}),
    Action.CLOSE: frozenset({Role.HANDLER, Role.SUPERVISOR}),
    Action.MARK_URGENT: frozenset({Role.INTAKE_OFFICER, Role.HANDLER, Role.SUPERVISOR}),
    Action.REQUEST_IDENTITY: frozenset({Role.HANDLER}),
}
_OPEN_ONLY = {Action.ACKNOWLEDGE, Action.SCREEN, Action.ASSIGN, Action.TRANSFER, Action.ASK, Action.CLOSE,
              Action.MARK_URGENT}  # fmt: skip


def can(user: StaffUser, action: Action, case: Case) -> bool:
    """Assumes `case` came from cases_visible_to(user): the unit and assignment rules are already applied."""
    if user.role not in _ALLOWED[action]:
        return False
    if action in _OPEN_ONLY and case.state == CaseState.CLOSED:
        return False
    if action == Action.SCREEN and case.screening:
        return False
    if action == Action.ACKNOWLEDGE and case.acknowledged_at is not None:
        return False
    if action == Action.REQUEST_IDENTITY:
        return case.report.reporter_kind != ReporterKind.ANONYMOUS and case.assigned_to_id == user.pk
    return True


def allowed_actions(user: StaffUser, case: Case) -> set[str]:
    return {action.value for action in Action if can(user, action, case)}
