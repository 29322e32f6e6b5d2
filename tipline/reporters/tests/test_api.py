"""Follow-up through the JSON API: `Authorization: Receipt <code>`."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tipline.accounts.models import Role
from tipline.intake.models import Attachment, Report
from tipline.reporters.models import ProtectionRequest
from tipline.reporters.services import staff_question_ask
from tipline.testsupport.factories import report_make, staff_make
from tipline.testsupport.sample_files import jpeg_with_gps
from tipline.vault.receipts import receipt_format

pytestmark = pytest.mark.django_db


@pytest.fixture
def receipt(units: dict) -> Any:
    return report_make()


def _auth(receipt: Any) -> dict[str, str]:
    return {"Authorization": f"Receipt {receipt_format(receipt.code)}"}


def test_status_shows_the_conversation(units: dict, client: Client, receipt: Any) -> None:
    handler = staff_make(Role.HANDLER, units["guangdong"])
    staff_question_ask(
        report=Report.objects.get(), staff_id=handler.pk, text="When did you first notice this?"
    )
    body = client.get("/api/v1/status", headers=_auth(receipt)).json()
    assert body["status"] == "received" and body["report_id"] == receipt.report_public_id
    assert (
        body["messages"][0]["author"] == "staff"
        and body["messages"][0]["text"] == "When did you first notice this?"
    )
    reply = client.post(
        "/api/v1/status/messages",
        data={"text": "In May."},
        content_type="application/json",
        headers=_auth(receipt),
    )
    assert reply.status_code == 201 and [m["text"] for m in reply.json()] == [
        "When did you first notice this?",
        "In May.",
    ]


@pytest.mark.parametrize(
    "header", ["Receipt 0000 0000 0000 0000", "Bearer whatever", "Receipt", "Receipt 1234"]
)
def test_wrong_or_malformed_codes_answer_401(units: dict, client: Client, receipt: Any, header: str) -> None:
    response = client.get("/api/v1/status", headers={"Authorization": header})
    assert response.status_code == 401 and response.json()["error"]["code"] == "receipt_invalid"


def test_missing_header_answers_401(units: dict, client: Client) -> None:
    assert client.get("/api/v1/status").status_code == 401


def test_guessing_is_throttled(units: dict, client: Client, receipt: Any, settings: Any) -> None:
    settings.TIPLINE_RECEIPT_FAILURES_ALLOWED = 2
    for _ in range(2):
        client.get("/api/v1/status", headers={"Authorization": "Receipt 0000000000000001"})
    response = client.get("/api/v1/status", headers=_auth(receipt))
    assert response.status_code == 429 and response.json()["error"]["code"] == "too_many_attempts"


def test_files_through_the_api(units: dict, client: Client, receipt: Any) -> None:
    photo = SimpleUploadedFile("p.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post("/api/v1/status/attachments", {"files": [photo]}, headers=_auth(receipt))
    assert response.status_code == 201 and response.json() == {"added": 1}
    disguised = SimpleUploadedFile("p.jpg", b"<?php system($_GET['c']); ?>", content_type="image/jpeg")
    refused = client.post("/api/v1/status/attachments", {"files": [disguised]}, headers=_auth(receipt))
    assert refused.status_code == 422 and refused.json()["error"]["problems"][0]["code"] == "type_not_allowed"
    assert Attachment.objects.count() == 1


def test_oversized_file_through_the_api(units: dict, client: Client, receipt: Any, settings: Any) -> None:
    settings.TIPLINE_MAX_FILE_BYTES = 50_000
    big = SimpleUploadedFile("big.jpg", jpeg_with_gps() + b"\0" * 100_000, content_type="image/jpeg")
    response = client.post("/api/v1/status/attachments", {"files": [big]}, headers=_auth(receipt))
    assert response.status_code == 413 and Attachment.objects.count() == 0


def test_protection_through_the_api(units: dict, client: Client, receipt: Any) -> None:
    ok = client.post(
        "/api/v1/status/protection",
        data={"for_whom": "self", "details": "Threatening calls."},
        content_type="application/json",
        headers=_auth(receipt),
    )
    assert ok.status_code == 201
    bad = client.post(
        "/api/v1/status/protection",
        data={"for_whom": "everyone", "details": ""},
        content_type="application/json",
        headers=_auth(receipt),
    )
    assert bad.status_code == 422 and ProtectionRequest.objects.count() == 1
