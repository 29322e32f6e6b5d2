"""The JSON API for reports, as a mini-program client and an attacker see it."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import pytest
from django.test import Client

from tipline.intake.models import Report
from tipline.reporters.selectors import report_for_receipt
from tipline.vault.receipts import receipt_parse

pytestmark = pytest.mark.django_db
VALID = {
    "category": "cyber_espionage",
    "text": "Our intranet server sends data to 203.0.113.7 at night.",
    "anonymous": True,
    "language": "en",
}


def _post(client: Client, body: Any, **headers: str) -> Any:
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post("/api/v1/reports", data=data, content_type="application/json", headers=headers)


def test_a_report_made_through_the_api_opens_with_its_receipt(units: dict, client: Client) -> None:
    response = _post(client, {**VALID, "region": "440000", "identifiers": "203.0.113.7"})
    assert response.status_code == 201
    body = response.json()
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", body["receipt"])
    assert body["report_id"].startswith("R") and body["registered_at"]
    report = report_for_receipt(receipt_parse(body["receipt"]))  # type: ignore[arg-type]
    assert report is not None and report.public_id == body["report_id"] and report.channel == "api"


def test_named_report_through_the_api(units: dict, client: Client) -> None:
    body = {
        **VALID,
        "anonymous": False,
        "reporter": {
            "kind": "organisation",
            "name": "Acme Ltd",
            "contact_person": "Ms Wang",
            "phone": "010-12345678",
        },
        "consent": {"contact": True},
    }
    assert _post(client, body).status_code == 201
    report = Report.objects.get()
    assert report.reporter_kind == "organisation" and report.consent_contact and report.identity


def test_idempotency_key_makes_retries_safe(units: dict, client: Client) -> None:
    key = str(uuid.uuid4())
    first = _post(client, VALID, **{"Idempotency-Key": key}).json()
    second = _post(client, VALID, **{"Idempotency-Key": key}).json()
    assert first == second and Report.objects.count() == 1
    conflict = _post(client, {**VALID, "text": "Another matter"}, **{"Idempotency-Key": key})
    assert conflict.status_code == 409 and conflict.json()["error"]["code"] == "idempotency_key_reused"
    assert Report.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({**VALID, "category": "nope"}, 422, "category"),
        ({**VALID, "category": 3}, 422, "category"),
        ({**VALID, "text": 12}, 422, "text"),
        ({**VALID, "text": ""}, 422, "text"),
        ({**VALID, "text": "x" * 20_001}, 422, "text"),
        ({**VALID, "anonymous": "true"}, 422, "anonymous"),
        ({**VALID, "language": "fr"}, 422, "language"),
        ({**VALID, "region": "123456"}, 422, "region"),
        ({**VALID, "surprise": 1}, 422, "surprise"),
        ({k: v for k, v in VALID.items() if k != "text"}, 422, "text"),
        ({**VALID, "reporter": {"kind": "person", "name": "Li", "phone": "1"}}, 422, "reporter"),
        ({**VALID, "anonymous": False}, 422, "reporter"),
        (
            {**VALID, "anonymous": False, "reporter": {"kind": "robot", "name": "x", "phone": "1"}},
            422,
            "reporter.kind",
        ),
        ({**VALID, "consent": {"contact": True}}, 422, "consent"),
        ({**VALID, "text": "nul\u0000byte"}, 422, "text"),
    ],
)
def test_invalid_bodies_name_the_problem_and_store_nothing(
    units: dict, client: Client, body: dict, status: int, field: str
) -> None:
    response = _post(client, body)
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["message"]
    assert field in [error["field"]] + [p["field"] for p in error["problems"]]
    assert Report.objects.count() == 0


@pytest.mark.parametrize("raw", ['{"category":', "[1, 2]", "null", "\xff\xfe", ""])
def test_malformed_json_is_refused(units: dict, client: Client, raw: str) -> None:
    response = _post(client, raw.encode("latin-1"))
    assert 400 <= response.status_code < 500
    assert response.json()["error"]["code"] in ("invalid_json", "invalid")
    assert Report.objects.count() == 0


def test_weak_idempotency_key_is_refused(units: dict, client: Client) -> None:
    response = _post(client, VALID, **{"Idempotency-Key": "1"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_idempotency_key"
    assert Report.objects.count() == 0


def test_script_in_text_is_stored_as_text_and_returned_as_json_not_html(units: dict, client: Client) -> None:
    body = _post(client, {**VALID, "text": "<script>alert(1)</script>"}).json()
    status = client.get("/api/v1/status", headers={"Authorization": f"Receipt {body['receipt']}"})
    assert status["Content-Type"].startswith("application/json")


def test_categories_and_regions_list_codes_in_both_languages(client: Client, db: Any) -> None:
    categories = client.get("/api/v1/categories").json()
    assert {c["code"] for c in categories} == {
        "espionage_organization",
        "state_secrets",
        "defection",
        "cyber_espionage",
        "target_indication",
        "other_security",
    }
    assert all(c["name_zh"] and c["name_en"] for c in categories)
    regions = {r["code"]: r for r in client.get("/api/v1/regions").json()}
    assert regions["110000"]["name_zh"] == "北京" and regions["110000"]["name_en"] == "Beijing"


def test_openapi_document_describes_the_endpoints(client: Client, db: Any) -> None:
    document = client.get("/api/v1/openapi.json").json()
    paths = document["paths"]
    for path in (
        "/api/v1/reports",
        "/api/v1/status",
        "/api/v1/status/messages",
        "/api/v1/status/attachments",
        "/api/v1/categories",
    ):
        assert path in paths
    assert "201" in paths["/api/v1/reports"]["post"]["responses"]
