"""Registering reports through the one service every channel uses."""

from __future__ import annotations

import json

import pytest
from django.db import DatabaseError, transaction

from tipline import clock
from tipline.accounts.models import Role
from tipline.audit.models import AuditEvent
from tipline.intake.bindings import content_binding, identity_binding
from tipline.intake.models import Report, ReporterKind, SubmissionRecord
from tipline.intake.services import report_submit
from tipline.intake.submissions import Consent, SubmissionInvalid, SubmissionTokenReused
from tipline.reporters.selectors import report_for_receipt
from tipline.testsupport.factories import (
    STAFF_PASSWORD,
    draft_make,
    identity_make,
    named_draft,
    report_make,
    staff_make,
    token_make,
)
from tipline.vault import envelope
from tipline.vault.identity import identity_open
from tipline.vault.staff_keys import recipient_private_unlock

pytestmark = pytest.mark.django_db


def test_a_report_opens_with_its_receipt_and_its_content_is_encrypted(units: dict) -> None:
    receipt = report_make()
    report = Report.objects.get(public_id=receipt.report_public_id)
    assert report_for_receipt(receipt.code) == report
    assert b"naval port" not in bytes(report.content)
    content = json.loads(
        envelope.decrypt(report.content_key, bytes(report.content), binding=content_binding(report.public_id))
    )
    assert content["text"].startswith("A man photographs the naval port")
    assert content["identifiers"] == "+86 138 0013 8000"


def test_region_routes_to_the_unit_serving_it_and_unknown_to_national(units: dict) -> None:
    beijing = report_make(draft_make(region="110000"))
    unknown = report_make(draft_make(region="000000"))
    assert Report.objects.get(public_id=beijing.report_public_id).unit == units["beijing"]
    assert Report.objects.get(public_id=unknown.report_public_id).unit == units["national"]


def test_retry_with_same_token_returns_same_receipt_and_makes_one_report(units: dict) -> None:
    token = token_make()
    first = report_submit(draft=draft_make(), token=token)
    second = report_submit(draft=draft_make(), token=token)
    assert second.code == first.code and second.report_public_id == first.report_public_id
    assert second.replayed and not first.replayed
    assert Report.objects.count() == 1


def test_same_token_with_other_content_is_refused_and_stores_nothing(units: dict) -> None:
    token = token_make()
    report_submit(draft=draft_make(), token=token)
    with pytest.raises(SubmissionTokenReused):
        report_submit(draft=draft_make(text="something else entirely"), token=token)
    assert Report.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"category": "no_such_category"}, "category"),
        ({"text": "   "}, "text"),
        ({"text": "x" * 20_001}, "text"),
        ({"region": "123456"}, "region"),
        ({"language": "fr"}, "language"),
        ({"people": "p" * 2001}, "people"),
        ({"text": "nul \x00 byte"}, "text"),
        ({"consent": Consent(contact=True)}, "consent"),
        ({"identity": identity_make(name="")}, "name"),
        ({"identity": identity_make(phone="", email="", address="")}, "phone"),
        ({"identity": identity_make(email="not-an-address")}, "email"),
    ],
)
def test_invalid_drafts_are_refused_and_store_nothing(units: dict, overrides: dict, field: str) -> None:
    events_before = AuditEvent.objects.count()
    with pytest.raises(SubmissionInvalid) as refused:
        report_make(draft_make(**overrides))
    assert field in {p.field for p in refused.value.problems}
    assert all(p.message for p in refused.value.problems)
    assert Report.objects.count() == 0 and SubmissionRecord.objects.count() == 0
    assert AuditEvent.objects.count() == events_before


def test_registration_time_is_set_by_the_server_and_cannot_be_changed(units: dict) -> None:
    receipt = report_make()
    report = Report.objects.get(public_id=receipt.report_public_id)
    assert report.registered_at == receipt.registered_at
    with pytest.raises(DatabaseError), transaction.atomic():
        Report.objects.filter(pk=report.pk).update(registered_at=clock.now().replace(year=2020))
    report.refresh_from_db()
    assert report.registered_at == receipt.registered_at


def test_registration_is_audited_without_content(units: dict) -> None:
    receipt = report_make()
    event = AuditEvent.objects.get(action="report.registered", subject=receipt.report_public_id)
    assert event.actor_kind == AuditEvent.ActorKind.REPORTER
    assert "naval" not in json.dumps(event.details)


def test_anonymous_report_stores_no_identity(units: dict) -> None:
    receipt = report_make()
    report = Report.objects.get(public_id=receipt.report_public_id)
    assert report.reporter_kind == ReporterKind.ANONYMOUS
    assert report.identity is None and report.identity_keyset is None


def test_identity_opens_only_for_a_custodian(units: dict) -> None:
    custodian = staff_make(Role.IDENTITY_CUSTODIAN, units["national"])
    handler = staff_make(Role.HANDLER, units["guangdong"])
    receipt = report_make(named_draft())
    report = Report.objects.get(public_id=receipt.report_public_id)
    assert report.reporter_kind == ReporterKind.PERSON and report.consent_contact
    assert b"Li Ming" not in bytes(report.identity)
    opened = identity_open(
        report.identity_keyset,
        bytes(report.identity),
        binding=identity_binding(report.public_id),
        recipient=custodian.recipient_key,
        recipient_private=recipient_private_unlock(custodian.recipient_key, password=STAFF_PASSWORD),
    )
    assert json.loads(opened)["name"] == "Li Ming"
    with pytest.raises(envelope.DecryptionFailed):
        identity_open(
            report.identity_keyset,
            bytes(report.identity),
            binding=identity_binding(report.public_id),
            recipient=handler.recipient_key,
            recipient_private=recipient_private_unlock(handler.recipient_key, password=STAFF_PASSWORD),
        )


def test_idempotency_tokens_are_forgotten_after_a_day_and_a_late_reuse_is_refused(
    units: dict,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    import datetime as dt

    from tipline.intake.services import submission_records_purge

    token = token_make()
    with django_capture_on_commit_callbacks(
        execute=True
    ):  # the purge is queued after commit (nothing old yet)
        report_submit(draft=draft_make(), token=token)
    assert SubmissionRecord.objects.count() == 1
    with clock.clock_frozen_at(clock.now() + dt.timedelta(hours=25)):
        assert submission_records_purge() == 1
    assert SubmissionRecord.objects.count() == 0 and Report.objects.count() == 1
    with pytest.raises(SubmissionTokenReused):  # same token, same code: it must not open a second report
        report_submit(draft=draft_make(), token=token)
    assert Report.objects.count() == 1
