"""Need to know, in every direction: each role against each case and action, including the negatives an attacker
with a staff account would try (another province's case by URL, an administrator reading content)."""

from __future__ import annotations

import pytest
from django.test import Client

from tipline.audit.models import AuditEvent
from tipline.cases.models import Case
from tipline.cases.selectors import cases_visible_to
from tipline.cases.tests.conftest import Office
from tipline.testsupport.staff import staff_sign_in

pytestmark = pytest.mark.django_db
NO_CONTENT_ROLES = ["custodian", "administrator", "editor", "auditor", "reward_officer", "reward_approver"]

# Who sees which case (by URL and in the queue).
VISIBILITY = [
    ("bj_handler", {"bj_case"}),
    ("bj_handler2", set()),
    ("gd_handler", {"gd_case"}),
    ("bj_supervisor", {"bj_case", "bj_unassigned"}),
    ("national_supervisor", {"bj_case", "bj_unassigned", "gd_case"}),
    ("bj_intake", {"bj_case", "bj_unassigned"}),
    *[(role, set()) for role in NO_CONTENT_ROLES],
]


@pytest.mark.parametrize(("who", "visible"), VISIBILITY)
def test_who_sees_which_case(client: Client, office: Office, who: str, visible: set[str]) -> None:
    user = office.staff[who]
    staff_sign_in(client, user)
    cases = {"bj_case": office.bj_case, "bj_unassigned": office.bj_unassigned, "gd_case": office.gd_case}
    assert {
        name for name, case in cases.items() if cases_visible_to(user).filter(pk=case.pk).exists()
    } == visible
    for name, case in cases.items():
        response = client.get(f"/staff/cases/{case.report.public_id}/")
        if name in visible:
            assert response.status_code == 200, (who, name)
            assert case.report.public_id in response.content.decode()
        else:
            assert response.status_code in (403, 404), (who, name, response.status_code)
            assert b"photographs" not in response.content and b"drone" not in response.content
    queue = client.get("/staff/cases/")
    if who in NO_CONTENT_ROLES:
        assert queue.status_code == 403
    else:
        page = queue.content.decode()
        for name, case in cases.items():
            assert (case.report.public_id in page) == (name in visible), (who, name)


def test_opening_a_case_is_audited_and_refusals_leave_content_unread(client: Client, office: Office) -> None:
    staff_sign_in(client, office.staff["bj_handler"])
    client.get(f"/staff/cases/{office.gd_case.report.public_id}/")  # another province: 404
    assert not AuditEvent.objects.filter(
        action="report.content_read", subject=office.gd_case.report.public_id
    ).exists()
    client.get(f"/staff/cases/{office.bj_case.report.public_id}/")
    event = AuditEvent.objects.get(action="report.content_read", subject=office.bj_case.report.public_id)
    assert event.actor_id == office.staff["bj_handler"].pk


def _post(client: Client, case: Case, action: str, office: Office) -> int:
    data = {
        "acknowledge": {},
        "screen": {"screening": "in_scope"},
        "assign": {"assignee": office.staff["bj_handler2"].pk},
        "transfer": {"unit": office.gd_case.unit_id, "reason": "belongs to Guangdong"},
        "ask": {"text": "Which gate?"},
        "note": {"text": "Checked the visitor log."},
        "close": {"outcome": "insufficient", "reason": "Nothing to act on."},
        "urgent": {"reason": "Imminent"},
        "request-identity": {"reason": "Need to call back"},
    }[action]
    return client.post(f"/staff/cases/{case.report.public_id}/{action}/", data).status_code


ACTIONS = ["acknowledge", "screen", "assign", "transfer", "ask", "note", "close", "urgent"]
ALLOWED = {
    "bj_handler": {"acknowledge", "screen", "ask", "note", "close", "urgent"},
    "bj_supervisor": {"acknowledge", "screen", "assign", "transfer", "ask", "note", "close", "urgent"},
    "national_supervisor": {"acknowledge", "screen", "assign", "transfer", "ask", "note", "close", "urgent"},
    "bj_intake": {"acknowledge", "screen", "note", "urgent"},
}


@pytest.mark.parametrize("who", [*ALLOWED, "gd_handler", "bj_handler2", *NO_CONTENT_ROLES])
@pytest.mark.parametrize("action", ACTIONS)
def test_actions_on_a_beijing_case(client: Client, office: Office, who: str, action: str) -> None:
    staff_sign_in(client, office.staff[who])
    events_before = (
        AuditEvent.objects.exclude(action__startswith="staff.").exclude(action="report.content_read").count()
    )
    status = _post(client, office.bj_case, action, office)
    if action in ALLOWED.get(who, set()):
        assert status == 302, (who, action, status)
    else:
        assert status in (403, 404), (who, action, status)
        events_after = (
            AuditEvent.objects.exclude(action__startswith="staff.")
            .exclude(action="report.content_read")
            .count()
        )
        assert events_after == events_before  # a refused action changes nothing


def test_an_administrator_cannot_reach_content_through_the_configuration_site(
    client: Client, office: Office
) -> None:
    staff_sign_in(client, office.staff["administrator"])
    index = client.get("/staff/admin/")
    assert index.status_code == 200
    page = index.content.decode()
    assert "/staff/admin/intake/category/" in page
    assert "/staff/admin/intake/report/" not in page and "/staff/admin/audit/" not in page
    assert client.get("/staff/admin/intake/report/").status_code == 404


def test_editor_configures_notices_but_not_units(client: Client, office: Office) -> None:
    staff_sign_in(client, office.staff["editor"])
    assert client.get("/staff/admin/publications/notice/").status_code == 200
    assert client.get("/staff/admin/accounts/unit/").status_code == 403
    assert client.get("/staff/cases/").status_code == 403


def test_handlers_cannot_request_identities_of_anonymous_reports(client: Client, office: Office) -> None:
    staff_sign_in(client, office.staff["bj_handler"])
    assert _post(client, office.bj_case, "request-identity", office) == 403
