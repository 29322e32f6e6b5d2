"""A handler sees a real-name reporter's identity only after a custodian approves, with reasons on record."""

from __future__ import annotations

import pytest
from django.test import Client

from tipline.accounts.models import Role
from tipline.audit.models import AuditEvent
from tipline.cases.models import Case, IdentityRequest
from tipline.testsupport.factories import named_draft, report_make
from tipline.testsupport.staff import staff_enrolled, staff_sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def named_case(units: dict) -> Case:
    receipt = report_make(named_draft(region="110000"))
    case = Case.objects.get(report__public_id=receipt.report_public_id)
    return case


def test_identity_is_sealed_until_a_custodian_approves(units: dict, named_case: Case) -> None:
    handler_user = staff_enrolled(Role.HANDLER, units["beijing"])
    custodian_user = staff_enrolled(Role.IDENTITY_CUSTODIAN, units["national"])  # made after the report...
    Case.objects.filter(pk=named_case.pk).update(assigned_to=handler_user)
    url = f"/staff/cases/{named_case.report.public_id}/"

    handler = Client()
    staff_sign_in(handler, handler_user)
    page = handler.get(url).content.decode()
    assert "Li Ming" not in page and "13900139000" not in page
    assert "May be contacted." in page  # consent choices are shown
    assert handler.get(url + "identity/").status_code == 403
    assert handler.post(url + "request-identity/", {"reason": ""}).status_code == 400
    assert (
        handler.post(
            url + "request-identity/", {"reason": "Need to clarify the location by phone."}
        ).status_code
        == 302
    )
    request = IdentityRequest.objects.get()
    assert b"clarify" not in bytes(request.reason)

    custodian = Client()
    staff_sign_in(custodian, custodian_user)
    listing = custodian.get("/staff/cases/identity-requests/").content.decode()
    assert "Need to clarify the location by phone." in listing and "Li Ming" not in listing
    assert custodian.get(url).status_code == 403  # custodians read no report content
    # ...so the report's identity was not sealed to this custodian: approving must fail clearly.
    custodian.post(
        f"/staff/cases/identity-requests/{request.pk}/decide/",
        {"decision": "approve", "decision_reason": "ok"},
    )
    assert IdentityRequest.objects.get().state == "pending"


def test_approval_reseals_to_the_handler_who_then_sees_the_identity(units: dict) -> None:
    custodian_user = staff_enrolled(Role.IDENTITY_CUSTODIAN, units["national"])
    handler_user = staff_enrolled(Role.HANDLER, units["beijing"])
    receipt = report_make(named_draft(region="110000"))  # sealed to the custodian who exists now
    case = Case.objects.get(report__public_id=receipt.report_public_id)
    Case.objects.filter(pk=case.pk).update(assigned_to=handler_user)
    url = f"/staff/cases/{case.report.public_id}/"

    handler = Client()
    staff_sign_in(handler, handler_user)
    handler.post(url + "request-identity/", {"reason": "Reporter offered to show documents."})
    request = IdentityRequest.objects.get()

    custodian = Client()
    staff_sign_in(custodian, custodian_user)
    refused = custodian.post(
        f"/staff/cases/identity-requests/{request.pk}/decide/", {"decision": "approve", "decision_reason": ""}
    )
    assert (
        refused.status_code == 302 and IdentityRequest.objects.get().state == "pending"
    )  # a reason is required
    custodian.post(
        f"/staff/cases/identity-requests/{request.pk}/decide/",
        {"decision": "approve", "decision_reason": "Consent to contact given; need is plausible."},
    )
    assert IdentityRequest.objects.get().state == "approved"

    page = handler.get(url + "identity/").content.decode()
    assert "Li Ming" in page and "13900139000" in page
    actions = list(AuditEvent.objects.filter(subject=case.report.public_id).values_list("action", flat=True))
    assert (
        actions.index("identity.requested")
        < actions.index("identity.approved")
        < actions.index("report.identity_read")
    )


def test_another_handler_does_not_get_the_identity(units: dict) -> None:
    custodian_user = staff_enrolled(Role.IDENTITY_CUSTODIAN, units["national"])
    handler_user = staff_enrolled(Role.HANDLER, units["beijing"])
    other_user = staff_enrolled(Role.HANDLER, units["beijing"])
    receipt = report_make(named_draft(region="110000"))
    case = Case.objects.get(report__public_id=receipt.report_public_id)
    Case.objects.filter(pk=case.pk).update(assigned_to=handler_user)
    handler = Client()
    staff_sign_in(handler, handler_user)
    handler.post(f"/staff/cases/{case.report.public_id}/request-identity/", {"reason": "Need it."})
    custodian = Client()
    staff_sign_in(custodian, custodian_user)
    custodian.post(
        f"/staff/cases/identity-requests/{IdentityRequest.objects.get().pk}/decide/",
        {"decision": "approve", "decision_reason": "Fine."},
    )
    Case.objects.filter(pk=case.pk).update(assigned_to=other_user)  # reassigned after the grant
    other = Client()
    staff_sign_in(other, other_user)
    assert other.get(f"/staff/cases/{case.report.public_id}/identity/").status_code == 403


def test_refusal_is_recorded_with_its_reason(units: dict) -> None:
    custodian_user = staff_enrolled(Role.IDENTITY_CUSTODIAN, units["national"])
    handler_user = staff_enrolled(Role.HANDLER, units["beijing"])
    receipt = report_make(named_draft(region="110000"))
    case = Case.objects.get(report__public_id=receipt.report_public_id)
    Case.objects.filter(pk=case.pk).update(assigned_to=handler_user)
    handler = Client()
    staff_sign_in(handler, handler_user)
    handler.post(f"/staff/cases/{case.report.public_id}/request-identity/", {"reason": "Curious."})
    custodian = Client()
    staff_sign_in(custodian, custodian_user)
    custodian.post(
        f"/staff/cases/identity-requests/{IdentityRequest.objects.get().pk}/decide/",
        {"decision": "refuse", "decision_reason": "No need shown; reporter did not consent."},
    )
    assert IdentityRequest.objects.get().state == "refused"
    assert handler.get(f"/staff/cases/{case.report.public_id}/identity/").status_code == 403
    assert "No need shown" in handler.get("/staff/cases/identity-requests/").content.decode()
    assert AuditEvent.objects.filter(action="identity.refused").exists()
