from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tipline.accounts.models import Role, StaffUser
from tipline.cases.models import Case
from tipline.testsupport.factories import draft_make, report_make
from tipline.testsupport.staff import staff_enrolled


@dataclass
class Office:
    """Two provinces under a national unit, staff in each, and a case in each province assigned to its handler
    (plus an unassigned one in Beijing)."""

    staff: dict[str, StaffUser]
    bj_case: Case
    bj_unassigned: Case
    gd_case: Case


@pytest.fixture
def office(units: dict[str, Any]) -> Office:
    staff = {
        "bj_handler": staff_enrolled(Role.HANDLER, units["beijing"], "bj_handler"),
        "bj_handler2": staff_enrolled(Role.HANDLER, units["beijing"], "bj_handler2"),
        "bj_supervisor": staff_enrolled(Role.SUPERVISOR, units["beijing"], "bj_supervisor"),
        "bj_intake": staff_enrolled(Role.INTAKE_OFFICER, units["beijing"], "bj_intake"),
        "gd_handler": staff_enrolled(Role.HANDLER, units["guangdong"], "gd_handler"),
        "national_supervisor": staff_enrolled(Role.SUPERVISOR, units["national"], "national_supervisor"),
        "custodian": staff_enrolled(Role.IDENTITY_CUSTODIAN, units["national"], "custodian"),
        "administrator": staff_enrolled(Role.ADMINISTRATOR, units["national"], "administrator"),
        "editor": staff_enrolled(Role.EDITOR, units["national"], "editor"),
        "auditor": staff_enrolled(Role.AUDITOR, units["national"], "auditor"),
        "reward_officer": staff_enrolled(Role.REWARD_OFFICER, units["national"], "reward_officer"),
        "reward_approver": staff_enrolled(Role.REWARD_APPROVER, units["national"], "reward_approver"),
    }

    def case_in(region: str, assignee: StaffUser | None, text: str) -> Case:
        receipt = report_make(draft_make(region=region, text=text))
        case = Case.objects.get(report__public_id=receipt.report_public_id)
        if assignee is not None:
            Case.objects.filter(pk=case.pk).update(assigned_to=assignee)
            case.refresh_from_db()
        return case

    return Office(
        staff=staff,
        bj_case=case_in(
            "110000", staff["bj_handler"], "Beijing case: a visitor photographs the ministry gate."
        ),
        bj_unassigned=case_in(
            "110000", None, "Beijing case two: someone offers money for internal phone lists."
        ),
        gd_case=case_in("440000", staff["gd_handler"], "Guangdong case: a drone over the shipyard."),
    )
