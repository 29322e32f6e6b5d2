"""Only auditors read the log, whatever a view asks for."""

from __future__ import annotations

import pytest

from tipline.accounts.models import Role, Unit
from tipline.audit.selectors import EventFilters, audit_actions, audit_events, audit_head_sequence
from tipline.audit.tests.tampering import events_append
from tipline.testsupport.factories import staff_make

pytestmark = pytest.mark.django_db


def test_the_action_choices_are_every_action_once_in_order(units: dict[str, Unit]) -> None:
    auditor = staff_make(Role.AUDITOR, units["national"])
    for action in ("case.closed", "audit.viewed", "case.closed", "report.registered", "audit.viewed"):
        events_append(2, action=action)
    assert audit_actions(user=auditor) == [
        "audit.viewed",
        "case.closed",
        "report.registered",
        "staff.created",
    ]


@pytest.mark.parametrize("role", [r for r in Role if r != Role.AUDITOR])
def test_other_roles_read_nothing(units: dict[str, Unit], role: Role) -> None:
    events_append(3)
    user = staff_make(role, units["national"])
    assert audit_actions(user=user) == []
    assert not audit_events(user=user, filters=EventFilters()).exists()
    assert audit_head_sequence(user=user) == 0


def test_a_deactivated_auditor_reads_nothing(units: dict[str, Unit]) -> None:
    auditor = staff_make(Role.AUDITOR, units["national"])
    events_append(2)
    auditor.is_active = False
    assert not audit_events(user=auditor, filters=EventFilters()).exists()
