"""Floods and guessing, as an attacker's script meets them: without a fresh solved challenge nothing costly
happens; a solved challenge works once; per-connection limits hold; nothing about the client is stored."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tipline.intake.flood_control import intake_settings_changed
from tipline.intake.models import IntakeSettings, Report
from tipline.testsupport.factories import report_make
from tipline.testsupport.proof_of_work import proof_of_work_header
from tipline.vault.proof_of_work import challenge_new, challenge_solve, solution_verify

pytestmark = pytest.mark.django_db
BODY = {
    "category": "other_security",
    "text": "Strangers measure the bridge at night.",
    "anonymous": True,
    "language": "en",
}


@pytest.fixture(autouse=True)
def _enforced(settings: Any) -> None:
    settings.TIPLINE_PROOF_OF_WORK_ENFORCED = True
    settings.TIPLINE_FLOOD_DEFAULTS = {"proof_of_work_cost": 20, "submissions_per_client_hour": 20,
                                       "submissions_without_javascript_hour": 2}  # fmt: skip
    intake_settings_changed()


def _api(client: Client, headers: dict[str, str] | None = None) -> Any:
    return client.post(
        "/api/v1/reports", data=json.dumps(BODY), content_type="application/json", headers=headers or {}
    )


def test_a_solved_challenge_lets_one_report_through(units: dict, client: Client) -> None:
    header = proof_of_work_header(client)
    assert _api(client, header).status_code == 201
    replay = _api(client, header)
    assert replay.status_code == 403 and replay.json()["error"]["code"] == "proof_of_work_invalid"
    assert Report.objects.count() == 1


@pytest.mark.parametrize("proof", [None, "", "not base64!", "eyJ9", "A" * 5000])
def test_missing_or_forged_proofs_are_refused_before_anything_is_stored(
    units: dict, client: Client, proof: str | None
) -> None:
    response = _api(client, {"Altcha": proof} if proof is not None else None)
    assert response.status_code == 403
    assert response.json()["error"]["code"] in ("proof_of_work_missing", "proof_of_work_invalid")
    assert Report.objects.count() == 0


def test_a_tampered_solution_or_challenge_is_refused(units: dict, client: Client) -> None:
    import base64

    challenge = client.get("/api/v1/challenge").json()
    payload = json.loads(base64.b64decode(challenge_solve(challenge)))
    payload["solution"]["counter"] += 1
    wrong_counter = base64.b64encode(json.dumps(payload).encode()).decode()
    assert _api(client, {"Altcha": wrong_counter}).status_code == 403
    easier = dict(challenge, parameters={**challenge["parameters"], "cost": 1})
    assert _api(client, {"Altcha": challenge_solve(easier)}).status_code == 403  # signature no longer matches


def test_raising_the_cost_invalidates_cheaper_challenges(units: dict, client: Client) -> None:
    cheap = challenge_solve(challenge_new(cost=20))
    IntakeSettings.objects.create(proof_of_work_cost=40)
    intake_settings_changed()
    assert solution_verify(cheap, minimum_cost=40) is None
    assert client.get("/api/v1/challenge").json()["parameters"]["cost"] == 40
    assert _api(client, {"Altcha": cheap}).status_code == 403


def test_per_connection_limit(units: dict, client: Client, settings: Any) -> None:
    settings.TIPLINE_FLOOD_DEFAULTS = {**settings.TIPLINE_FLOOD_DEFAULTS, "submissions_per_client_hour": 2}
    intake_settings_changed()
    assert _api(client, proof_of_work_header(client)).status_code == 201
    assert _api(client, proof_of_work_header(client)).status_code == 201
    limited = _api(client, proof_of_work_header(client))
    assert limited.status_code == 429 and limited.json()["error"]["code"] == "rate_limited"
    other = Client(REMOTE_ADDR="127.0.0.9")  # another connection has its own allowance
    assert _api(other, proof_of_work_header(other)).status_code == 201


def test_browsers_without_javascript_get_a_small_allowance(units: dict, client: Client) -> None:
    import re

    def send(text: str) -> Any:
        page = client.get("/en/report/").content.decode()
        token = re.search(r'name="submission_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        return client.post("/en/report/", {"category": "defection", "text": text, "region": "000000",
                                           "reporter_kind": "anonymous", "submission_token": token})  # fmt: skip

    assert send("first").status_code == 200 and send("second").status_code == 200
    refused = send("third")
    assert refused.status_code == 403 and "anti-flood check" in refused.content.decode()
    assert "third" in refused.content.decode()  # what was typed is kept
    assert Report.objects.count() == 2


def test_receipt_sign_in_needs_a_proof_through_the_api(units: dict, client: Client) -> None:
    receipt = report_make()
    bare = client.get("/api/v1/status", headers={"Authorization": f"Receipt {receipt.code}"})
    assert bare.status_code == 403
    ok = client.get(
        "/api/v1/status", headers={"Authorization": f"Receipt {receipt.code}", **proof_of_work_header(client)}
    )
    assert ok.status_code == 200


def test_one_code_is_held_against_guessing_from_many_connections(units: dict, settings: Any) -> None:
    settings.TIPLINE_PROOF_OF_WORK_ENFORCED = False
    receipt = report_make()
    for n in range(10):
        Client(REMOTE_ADDR=f"10.0.0.{n}").post("/en/follow-up/", {"receipt": receipt.code})
    response = Client(REMOTE_ADDR="10.0.1.1").post("/en/follow-up/", {"receipt": receipt.code})
    assert response.status_code == 429 and "tried too often" in response.content.decode()


def test_the_challenge_endpoint_is_documented_and_pages_load_the_widget(units: dict, client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/challenge" in schema["paths"]
    assert {"403", "429"} <= set(schema["paths"]["/api/v1/reports"]["post"]["responses"])
    page = client.get("/zh-hans/report/").content.decode()
    assert "<altcha-widget" in page and 'language="zh-cn"' in page and "humanInteractionSignature" in page
    assert "/static/vendor/altcha/pbkdf2.js" in page


def test_a_client_cannot_pick_its_own_address_with_a_header(
    units: dict, client: Client, settings: Any
) -> None:
    settings.TIPLINE_FLOOD_DEFAULTS = {**settings.TIPLINE_FLOOD_DEFAULTS, "submissions_per_client_hour": 1}
    intake_settings_changed()
    assert _api(client, {"X-Real-IP": "203.0.113.1", **proof_of_work_header(client)}).status_code == 201
    assert _api(client, {"X-Real-IP": "203.0.113.2", **proof_of_work_header(client)}).status_code == 429
