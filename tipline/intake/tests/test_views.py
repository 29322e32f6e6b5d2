"""The web report form, as a reporter's browser and an attacker's script see it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tipline.intake.models import Attachment, Report
from tipline.reporters.selectors import report_for_receipt
from tipline.testsupport.sample_files import jpeg_with_gps
from tipline.vault.receipts import receipt_parse

pytestmark = pytest.mark.django_db
RECEIPT_PATTERN = re.compile(r'data-receipt-code="(\d{16})"')


def _form_token(client: Client, language: str = "en") -> str:
    page = client.get(f"/{language}/report/").content.decode()
    match = re.search(r'name="submission_token" value="([^"]+)"', page)
    assert match
    return match.group(1)


def _fields(client: Client, **overrides: Any) -> dict[str, Any]:
    fields = {
        "category": "state_secrets",
        "text": "Someone copies drawings at the research institute.",
        "region": "110000",
        "reporter_kind": "anonymous",
        "submission_token": _form_token(client),
    }
    fields.update(overrides)
    return fields


def _receipt(response: Any) -> str:
    match = RECEIPT_PATTERN.search(response.content.decode())
    assert match, response.content.decode()[:2000]
    return match.group(1)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_form_renders_every_category_in_the_page_language(units: dict, client: Client, language: str) -> None:
    page = client.get(f"/{language}/report/").content.decode()
    names = (
        ["Stealing or illegally providing", "Cyber attacks"]
        if language == "en"
        else ["窃取、刺探", "网络攻击"]
    )
    for name in names:
        assert name in page
    assert 'name="submission_token"' in page


def test_anonymous_report_with_photo_gets_a_receipt_that_opens_it(units: dict, client: Client) -> None:
    photo = SimpleUploadedFile("IMG_2041.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post("/en/report/", _fields(client, attachments=[photo]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    code = _receipt(response)
    report = report_for_receipt(receipt_parse(code))  # type: ignore[arg-type]
    assert report is not None and report.region == "110000"
    assert Attachment.objects.filter(report=report, media_type="image/jpeg").count() == 1
    assert "cannot show this code again" in response.content.decode()


def test_resending_the_same_form_shows_the_same_receipt(units: dict, client: Client) -> None:
    fields = _fields(client)
    first = _receipt(client.post("/en/report/", fields))
    second = _receipt(client.post("/en/report/", fields))
    assert first == second and Report.objects.count() == 1


def test_same_form_sent_again_with_other_text_is_refused(units: dict, client: Client) -> None:
    fields = _fields(client)
    client.post("/en/report/", fields)
    response = client.post("/en/report/", {**fields, "text": "A different report"})
    assert response.status_code == 409 and "already sent" in response.content.decode()
    assert Report.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"category": ""}, "Choose what the report is about."),
        ({"category": "junk"}, "Choose one of the listed categories."),
        ({"text": ""}, "Tell us what happened."),
        ({"text": "x" * 20_001}, "Ensure this value has at most 20000 characters"),
        ({"region": "999999"}, "Select a valid choice"),
        ({"reporter_kind": "alien"}, "Select a valid choice"),
        ({"occurred": "y" * 2001}, "at most 2000 characters"),
        ({"place": "y" * 2001}, "at most 2000 characters"),
        ({"people": "y" * 2001}, "at most 2000 characters"),
        ({"identifiers": "y" * 2001}, "at most 2000 characters"),
        ({"name": "Li Ming"}, "You chose to report anonymously"),
        ({"consent_contact": "on"}, "You chose to report anonymously"),
        ({"reporter_kind": "person"}, "Give your name, or report anonymously."),
        ({"reporter_kind": "person", "name": "Li"}, "Give at least one way to reach you"),
        ({"reporter_kind": "person", "name": "Li", "email": "nope"}, "does not look like an e-mail address"),
        ({"reporter_kind": "person", "name": "n" * 201, "phone": "1"}, "at most 200 characters"),
        ({"submission_token": "short"}, "This form is damaged"),
    ],
)
def test_bad_input_gets_a_clear_error_keeps_what_was_typed_and_stores_nothing(
    units: dict, client: Client, overrides: dict, message: str
) -> None:
    fields = _fields(client, **{"place": "Keep this text", **overrides})
    response = client.post("/en/report/", fields)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page.replace("&#x27;", "'")
    assert "Nothing has been sent yet" in page
    if "place" not in overrides:
        assert "Keep this text" in page
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        ("photo.jpg", b"<html><script>alert(1)</script></html>", "This kind of file is not accepted"),
        ("../../../etc/cron.d/evil.jpg", b"#!/bin/sh\nrm -rf /\n", "This kind of file is not accepted"),
        ("empty.pdf", b"", "This file is empty"),
        ("broken.jpg", jpeg_with_gps()[:200], "could not be read"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(
    units: dict, client: Client, settings: Any, filename: str, data: bytes, message: str
) -> None:
    upload = SimpleUploadedFile(filename, data, content_type="image/jpeg")
    response = client.post("/en/report/", _fields(client, attachments=[upload]))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Report.objects.count() == 0 and Attachment.objects.count() == 0
    assert not any(settings.TIPLINE_FILES_DIR.rglob("*.bin"))
    assert not any(settings.TIPLINE_SCRATCH_DIR.iterdir())  # no plaintext left in the scratch directory


def test_oversized_file_is_refused_while_it_streams(units: dict, client: Client, settings: Any) -> None:
    settings.TIPLINE_MAX_FILE_BYTES = 100_000
    big = SimpleUploadedFile("big.jpg", jpeg_with_gps() + b"\0" * 200_000, content_type="image/jpeg")
    response = client.post("/en/report/", _fields(client, attachments=[big]))
    assert response.status_code == 400 and "larger than the limit" in response.content.decode()
    assert Report.objects.count() == 0


def test_too_many_files_are_refused(units: dict, client: Client, settings: Any) -> None:
    settings.TIPLINE_MAX_FILES_PER_SUBMISSION = 2
    files = [SimpleUploadedFile(f"p{i}.jpg", jpeg_with_gps(), content_type="image/jpeg") for i in range(3)]
    response = client.post("/en/report/", _fields(client, attachments=files))
    assert response.status_code == 400 and "Too many files" in response.content.decode()
    assert Report.objects.count() == 0


def test_form_without_csrf_token_is_refused_and_stores_nothing(units: dict) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/en/report/", _fields(client))
    assert response.status_code == 403
    assert "Nothing was saved" in response.content.decode()
    assert Report.objects.count() == 0


def test_receipt_page_in_chinese(units: dict, client: Client) -> None:
    response = client.post(
        "/zh-hans/report/", {**_fields(client), "submission_token": _form_token(client, "zh-hans")}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "回执码" in page
    assert Report.objects.get().language == "zh"
