"""Follow-up with a receipt code, as the reporter and as someone guessing codes see it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tipline.accounts.models import Role
from tipline.audit.models import AuditEvent
from tipline.cases.models import Case
from tipline.cases.services import case_screen
from tipline.intake.models import Attachment, Report
from tipline.reporters.followup_session import COOKIE_NAME
from tipline.reporters.models import ProtectionRequest, ReportMessage
from tipline.reporters.services import staff_question_ask
from tipline.testsupport.factories import report_make, staff_make
from tipline.testsupport.sample_files import jpeg_with_gps
from tipline.vault.receipts import receipt_format

pytestmark = pytest.mark.django_db


@pytest.fixture
def receipt(units: dict) -> Any:
    return report_make()


def _sign_in(client: Client, code: str, language: str = "en") -> Any:
    return client.post(f"/{language}/follow-up/", {"receipt": code})


def test_the_receipt_opens_the_status_and_the_staff_question(
    units: dict, client: Client, receipt: Any
) -> None:
    handler = staff_make(Role.HANDLER, units["guangdong"])
    report = Report.objects.get(public_id=receipt.report_public_id)
    staff_question_ask(report=report, staff_id=handler.pk, text="Which port, and at what time of day?")
    response = _sign_in(client, receipt_format(receipt.code))
    assert response.status_code == 302
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    assert str(receipt.code) not in cookie.value and receipt.report_public_id not in cookie.value
    page = client.get("/en/follow-up/report/").content.decode()
    assert "Which port, and at what time of day?" in page
    assert "received" in page and receipt.report_public_id in page


def test_status_change_is_shown_in_both_languages(units: dict, client: Client, receipt: Any) -> None:
    supervisor = staff_make(Role.SUPERVISOR, units["national"])
    case_screen(
        acting=supervisor,
        case=Case.objects.get(report__public_id=receipt.report_public_id),
        screening="in_scope",
    )
    _sign_in(client, receipt.code)
    assert "being handled" in client.get("/en/follow-up/report/").content.decode()
    assert "办理中" in client.get("/zh-hans/follow-up/report/").content.decode()


def test_the_reporter_answers_and_the_answer_is_stored_encrypted(
    units: dict, client: Client, receipt: Any
) -> None:
    _sign_in(client, receipt.code)
    response = client.post(
        "/en/follow-up/report/message/", {"text": "The east gate, around 6 in the morning."}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "The east gate, around 6 in the morning." in page and "Your message was sent." in page
    message = ReportMessage.objects.get()
    assert message.author == "reporter" and b"east gate" not in bytes(message.body)
    assert AuditEvent.objects.filter(action="report.reporter_message_added").exists()


def test_script_in_an_answer_is_shown_escaped(units: dict, client: Client, receipt: Any) -> None:
    _sign_in(client, receipt.code)
    client.post("/en/follow-up/report/message/", {"text": "<script>alert('x')</script>"})
    page = client.get("/en/follow-up/report/").content.decode()
    assert "<script>alert(" not in page and "&lt;script&gt;alert(" in page


def test_empty_and_oversized_answers_are_refused(units: dict, client: Client, receipt: Any) -> None:
    _sign_in(client, receipt.code)
    assert client.post("/en/follow-up/report/message/", {"text": ""}).status_code == 400
    assert client.post("/en/follow-up/report/message/", {"text": "x" * 20_001}).status_code == 400
    assert ReportMessage.objects.count() == 0


def test_more_files_are_cleaned_and_added(units: dict, client: Client, receipt: Any) -> None:
    _sign_in(client, receipt.code)
    photo = SimpleUploadedFile("a.jpg", jpeg_with_gps(), content_type="image/jpeg")
    assert client.post("/en/follow-up/report/files/", {"attachments": [photo]}).status_code == 302
    bad = SimpleUploadedFile("b.jpg", b"<html></html>", content_type="image/jpeg")
    response = client.post("/en/follow-up/report/files/", {"attachments": [bad]})
    assert response.status_code == 400 and "not accepted" in response.content.decode()
    assert Attachment.objects.count() == 1


def test_protection_request(units: dict, client: Client, receipt: Any) -> None:
    _sign_in(client, receipt.code)
    response = client.post(
        "/en/follow-up/report/protection/", {"for_whom": "relatives", "details": "A car follows my mother."}
    )
    assert response.status_code == 302
    request = ProtectionRequest.objects.get()
    assert request.for_whom == "relatives" and b"mother" not in bytes(request.details)
    refused = client.post("/en/follow-up/report/protection/", {"for_whom": "cousins", "details": "x"})
    assert refused.status_code == 400 and ProtectionRequest.objects.count() == 1


def test_wrong_code_gets_a_clear_message(units: dict, client: Client, receipt: Any) -> None:
    wrong = "0000 0000 0000 0000" if receipt.code != "0000000000000000" else "1111 1111 1111 1111"
    response = _sign_in(client, wrong)
    assert response.status_code == 400 and "No report has this receipt code" in response.content.decode()
    short = _sign_in(client, "1234 5678")
    assert "16 digits" in short.content.decode()
    assert COOKIE_NAME not in client.cookies or not client.cookies[COOKIE_NAME].value


def test_guessing_is_throttled_even_for_the_right_code(
    units: dict, client: Client, receipt: Any, settings: Any
) -> None:
    settings.TIPLINE_RECEIPT_FAILURES_ALLOWED = 3
    for guess in range(3):
        _sign_in(client, f"{guess:016d}")
    response = _sign_in(client, receipt.code)
    assert response.status_code == 429 and "Too many wrong codes" in response.content.decode()
    assert _sign_in(Client(), receipt.code).status_code == 429  # same client address: same allowance


def test_pages_need_the_cookie_and_sign_out_ends_it(units: dict, client: Client, receipt: Any) -> None:
    assert client.get("/en/follow-up/report/")["Location"].endswith("/en/follow-up/")
    _sign_in(client, receipt.code)
    assert client.get("/en/follow-up/report/").status_code == 200
    client.post("/en/follow-up/sign-out/")
    assert client.get("/en/follow-up/report/").status_code == 302


def test_a_forged_or_expired_cookie_opens_nothing(
    units: dict, client: Client, receipt: Any, settings: Any
) -> None:
    client.cookies[COOKIE_NAME] = "forged-value"
    assert client.get("/en/follow-up/report/").status_code == 302
    _sign_in(client, receipt.code)
    settings.TIPLINE_FOLLOWUP_IDLE_SECONDS = -1
    assert client.get("/en/follow-up/report/").status_code == 302


def test_posting_without_csrf_token_is_refused(units: dict, receipt: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post("/en/follow-up/", {"receipt": receipt.code}).status_code == 403
