"""The workspace as handlers and supervisors use it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image

from tipline import clock
from tipline.accounts.models import Role
from tipline.audit.models import AuditEvent
from tipline.cases.models import Case, CaseState
from tipline.cases.tests.conftest import Office
from tipline.intake.models import Report
from tipline.reporters.models import ReportMessage
from tipline.testsupport.factories import draft_make, report_make
from tipline.testsupport.sample_files import AUTHOR_MARKER, jpeg_with_gps
from tipline.testsupport.staff import staff_enrolled, staff_sign_in

pytestmark = pytest.mark.django_db


def _queue_ids(client: Client, query: str = "") -> list[str]:
    page = client.get(f"/staff/cases/?{query}").content.decode()
    return [
        case.report.public_id
        for case in Case.objects.select_related("report")
        if case.report.public_id in page
    ]


def test_queue_filters_and_sorts(client: Client, office: Office) -> None:
    staff_sign_in(client, office.staff["national_supervisor"])
    Case.objects.filter(pk=office.gd_case.pk).update(urgent=True)
    Case.objects.filter(pk=office.bj_unassigned.pk).update(next_due=clock.now() - dt.timedelta(days=1))
    assert set(_queue_ids(client)) == {
        office.bj_case.report.public_id,
        office.bj_unassigned.report.public_id,
        office.gd_case.report.public_id,
    }
    assert _queue_ids(client, "priority=urgent") == [office.gd_case.report.public_id]
    assert _queue_ids(client, "deadline=overdue") == [office.bj_unassigned.report.public_id]
    assert _queue_ids(client, "region=440000") == [office.gd_case.report.public_id]
    assert _queue_ids(client, "assigned=unassigned") == [office.bj_unassigned.report.public_id]
    page = client.get("/staff/cases/?sort=priority").content.decode()
    assert page.index(office.gd_case.report.public_id) < page.index(office.bj_case.report.public_id)
    overdue_row = client.get("/staff/cases/").content.decode()
    assert "OVERDUE" in overdue_row and "URGENT" in overdue_row


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_queue_is_one_page_load_however_many_cases(client: Client, office: Office) -> None:
    staff_sign_in(client, office.staff["national_supervisor"])
    client.get("/staff/cases/")  # settle the session
    few = _queries(client, "/staff/cases/?sort=newest")
    for i in range(30):
        report_make(draft_make(region="110000", text=f"another report {i}"))
    assert _queries(client, "/staff/cases/?sort=newest") == few <= 12
    assert client.get("/staff/cases/?sort=newest").content.decode().count("data-href=") == 33


def test_case_view_query_count_does_not_grow_with_messages_and_notes(client: Client, office: Office) -> None:
    staff_sign_in(client, office.staff["bj_handler"])
    url = f"/staff/cases/{office.bj_case.report.public_id}/"
    client.post(url + "ask/", {"text": "first question"})
    client.post(url + "note/", {"text": "first note"})
    client.get(url)
    baseline = _queries(client, url)
    for i in range(10):
        client.post(url + "ask/", {"text": f"question {i}"})
        client.post(url + "note/", {"text": f"note {i}"})
    assert _queries(client, url) == baseline
    page = client.get(url).content.decode()
    assert "question 9" in page and "note 9" in page


def test_screen_assign_ask_and_see_the_answer(client: Client, office: Office) -> None:
    supervisor = Client()
    staff_sign_in(supervisor, office.staff["bj_supervisor"])
    case_url = f"/staff/cases/{office.bj_unassigned.report.public_id}/"
    assert supervisor.post(case_url + "screen/", {"screening": "in_scope"}).status_code == 302
    assert (
        supervisor.post(case_url + "assign/", {"assignee": office.staff["bj_handler2"].pk}).status_code == 302
    )
    case = Case.objects.get(pk=office.bj_unassigned.pk)
    assert case.state == CaseState.IN_PROGRESS and case.assigned_to == office.staff["bj_handler2"]
    assert Report.objects.get(pk=case.pk).status == "in_progress"  # the reporter now sees "being handled"

    handler = Client()
    staff_sign_in(handler, office.staff["bj_handler2"])
    assert handler.post(case_url + "ask/", {"text": "Did you see the visitor's car?"}).status_code == 302
    message = ReportMessage.objects.get(report_id=case.pk)
    assert message.author == "staff" and message.staff_author == office.staff["bj_handler2"]

    from tipline.reporters.services import reporter_message_add

    reporter_message_add(report=case.report, text="Yes, a black sedan, plate 京A·12345.")
    page = handler.get(case_url).content.decode()
    assert "a black sedan, plate 京A·12345." in page


def test_out_of_scope_is_closed_with_the_hotline_and_malicious_needs_a_reason(
    client: Client, office: Office
) -> None:
    staff_sign_in(client, office.staff["bj_supervisor"])
    url = f"/staff/cases/{office.bj_unassigned.report.public_id}/"
    assert client.post(url + "screen/", {"screening": "out_of_scope"}).status_code == 400  # no hotline chosen
    assert (
        client.post(url + "screen/", {"screening": "out_of_scope", "referred_to": "12315"}).status_code == 302
    )
    case = Case.objects.get(pk=office.bj_unassigned.pk)
    assert case.state == CaseState.CLOSED and case.referred_to == "12315"
    other = f"/staff/cases/{office.bj_case.report.public_id}/"
    assert client.post(other + "screen/", {"screening": "malicious"}).status_code == 400
    assert (
        client.post(
            other + "screen/", {"screening": "malicious", "reason": "Invented to harm a neighbour."}
        ).status_code
        == 302
    )
    assert Case.objects.get(pk=office.bj_case.pk).screening == "malicious"


def test_close_records_outcome_and_reason_encrypted(client: Client, office: Office) -> None:
    staff_sign_in(client, office.staff["bj_handler"])
    url = f"/staff/cases/{office.bj_case.report.public_id}/"
    assert client.post(url + "close/", {"outcome": "substantiated", "reason": ""}).status_code == 400
    assert (
        client.post(
            url + "close/", {"outcome": "substantiated", "reason": "Confirmed by surveillance."}
        ).status_code
        == 302
    )
    case = Case.objects.get(pk=office.bj_case.pk)
    assert case.state == CaseState.CLOSED and case.feedback_at is not None
    assert b"surveillance" not in bytes(case.outcome_reason)
    assert "Confirmed by surveillance." in client.get(url).content.decode()


def test_transfer_moves_the_case_out_of_sight(client: Client, office: Office) -> None:
    staff_sign_in(client, office.staff["bj_supervisor"])
    url = f"/staff/cases/{office.bj_case.report.public_id}/"
    response = client.post(
        url + "transfer/", {"unit": office.gd_case.unit_id, "reason": "Happened in Shenzhen."}
    )
    assert response.status_code == 302 and response["Location"] == "/staff/cases/"
    case = Case.objects.get(pk=office.bj_case.pk)
    assert case.unit_id == office.gd_case.unit_id and case.assigned_to is None
    assert client.get(url).status_code == 404
    event = AuditEvent.objects.get(action="case.transferred")
    assert event.reason == "Happened in Shenzhen."


def test_marking_urgent_emails_the_duty_officer_without_content(
    client: Client, office: Office, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    office.bj_case.unit.duty_email = "duty@beijing.example"
    office.bj_case.unit.save()
    staff_sign_in(client, office.staff["bj_handler"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/cases/{office.bj_case.report.public_id}/urgent/", {"reason": "Meeting tomorrow"})
    assert Case.objects.get(pk=office.bj_case.pk).urgent
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["duty@beijing.example"] and office.bj_case.report.public_id in sent.subject
    assert "ministry gate" not in sent.body and "紧急" in sent.subject


def test_protection_request_makes_the_case_urgent(
    client: Client, office: Office, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from tipline.reporters.services import protection_request_submit

    office.gd_case.unit.duty_email = "duty@gd.example"
    office.gd_case.unit.save()
    with django_capture_on_commit_callbacks(execute=True):
        protection_request_submit(
            report=office.gd_case.report, for_whom="self", details="Someone waits outside."
        )
    assert Case.objects.get(pk=office.gd_case.pk).urgent and mail.outbox[0].to == ["duty@gd.example"]


def test_attachment_download_is_decrypted_clean_and_safe(client: Client, office: Office) -> None:
    from tipline.intake.submissions import IncomingFile

    upload = SimpleUploadedFile("IMG.jpg", jpeg_with_gps())
    path = office.bj_case.report.public_id  # placeholder to keep names short below
    import tempfile
    from pathlib import Path

    scratch = Path(tempfile.mkdtemp()) / "in.jpg"
    scratch.write_bytes(upload.read())
    from tipline.reporters.services import reporter_files_add
    from tipline.testsupport.sample_files import jpeg_with_gps as _  # noqa: F401

    rows = reporter_files_add(
        report=office.bj_case.report,
        files=[
            IncomingFile(
                path=scratch, original_name="../../etc/x.jpg", size=scratch.stat().st_size, digest=b"d"
            )
        ],
    )
    staff_sign_in(client, office.staff["bj_handler"])
    page = client.get(f"/staff/cases/{path}/").content.decode()
    assert "../../etc/x.jpg" in page  # the reporter's name for it, shown escaped as text
    response = client.get(f"/staff/cases/{path}/attachments/{rows[0].id}/")
    body = b"".join(response.streaming_content)
    assert response["Content-Type"] == "image/jpeg" and response["X-Content-Type-Options"] == "nosniff"
    assert (
        response["Content-Disposition"].startswith("attachment;")
        and ".." not in response["Content-Disposition"]
    )
    assert "sandbox" in response["Content-Security-Policy"]
    with Image.open(io.BytesIO(body)) as image:
        assert image.size == (64, 48) and not image.getexif()
    assert AUTHOR_MARKER.encode() not in body
    assert AuditEvent.objects.filter(action="report.attachment_read", subject=path).exists()


def test_staff_entered_report_gets_a_receipt_through_the_same_service(client: Client, units: dict) -> None:
    officer = staff_enrolled(Role.INTAKE_OFFICER, units["national"])
    staff_sign_in(client, officer)
    form = client.get("/staff/cases/new/").content.decode()
    import re

    token = re.search(r'name="submission_token" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
    data = {
        "channel": "transferred",
        "source": "",
        "language": "zh",
        "category": "defection",
        "text": "电话举报内容",
        "region": "440000",
        "reporter_kind": "anonymous",
        "submission_token": token,
        "read_back": "on",
    }
    refused = client.post("/staff/cases/new/", data)
    assert refused.status_code == 400 and Report.objects.count() == 0  # transferred needs its source
    response = client.post("/staff/cases/new/", {**data, "source": "某市公安局"})
    assert response.status_code == 200
    code = re.search(r'data-receipt-code="(\d{16})"', response.content.decode()).group(1)  # type: ignore[union-attr]
    report = Report.objects.get()
    assert report.channel == "transferred" and report.read_back is True and report.unit == units["guangdong"]
    event = AuditEvent.objects.get(action="report.registered")
    assert event.actor_id == officer.pk
    from tipline.reporters.selectors import report_for_receipt
    from tipline.vault.receipts import ReceiptCode

    assert report_for_receipt(ReceiptCode(code)) == report
