"""JSON API v1 for reports (mini-program and app clients). Same services as the web form."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import override
from ninja import Field, Header, Router, Schema, Status
from pydantic import ConfigDict

from tipline.accounts.regions import REGIONS, UNKNOWN
from tipline.api_errors import ApiError, ErrorOut, problems_error
from tipline.intake.flood_control import intake_settings, submission_gate
from tipline.intake.models import Category, Channel, ReporterKind
from tipline.intake.services import report_submit
from tipline.intake.submissions import (
    FIELD_MAX_CHARS,
    NAME_MAX_CHARS,
    TEXT_MAX_CHARS,
    Consent,
    ReportDraft,
    ReporterIdentity,
    SubmissionInvalid,
    SubmissionTokenReused,
)
from tipline.vault.proof_of_work import challenge_new
from tipline.vault.receipts import SubmissionToken, receipt_format, submission_token_valid

router = Router(tags=["reports"])


class StrictSchema(Schema):
    """No type coercion ("1" is not a number, "true" is not a boolean) and no unknown fields."""

    model_config = ConfigDict(strict=True, extra="forbid")


class ReporterIn(StrictSchema):
    kind: Literal["person", "organisation"]
    name: str = Field(..., min_length=1, max_length=NAME_MAX_CHARS)
    contact_person: str = Field("", max_length=NAME_MAX_CHARS)
    id_number: str = Field("", max_length=NAME_MAX_CHARS)
    phone: str = Field("", max_length=NAME_MAX_CHARS)
    email: str = Field("", max_length=NAME_MAX_CHARS)
    address: str = Field("", max_length=NAME_MAX_CHARS)


class ConsentIn(StrictSchema):
    contact: bool = False
    disclosure: bool = False
    ceremony: bool = False


class ReportIn(StrictSchema):
    category: str = Field(..., max_length=40, description="A code from GET /api/v1/categories.")
    text: str = Field(..., min_length=1, max_length=TEXT_MAX_CHARS, description="What happened.")
    anonymous: bool = Field(
        ..., description="true: `reporter` must be absent. false: `reporter` is required."
    )
    language: Literal["zh", "en"]
    occurred: str = Field(
        "", max_length=FIELD_MAX_CHARS, description="When it happened, in the reporter's words."
    )
    region: str = Field(UNKNOWN, max_length=6, description="A code from GET /api/v1/regions.")
    place: str = Field("", max_length=FIELD_MAX_CHARS)
    people: str = Field("", max_length=FIELD_MAX_CHARS, description="Who is involved.")
    identifiers: str = Field(
        "", max_length=FIELD_MAX_CHARS, description="Phone numbers, IDs, websites... one a line."
    )
    reporter: ReporterIn | None = None
    consent: ConsentIn | None = None


class ReceiptOut(Schema):
    receipt: str = Field(..., description="16 digits in four groups. Shown once: it is never stored.")
    report_id: str
    registered_at: dt.datetime


class CategoryOut(Schema):
    code: str
    name_zh: str
    name_en: str


class RegionOut(Schema):
    code: str
    name_zh: str
    name_en: str


class ChallengeOut(Schema):
    parameters: dict[str, Any]
    signature: str


ALTCHA_HEADER = "Altcha"
ALTCHA_DESCRIPTION = (
    "Send the solved proof of work in the `Altcha` header: the base64 of "
    '{"challenge": <the challenge as received>, "solution": {"counter": <n>, "derivedKey": <hex>}}. '
    "Each challenge is accepted once."
)


@router.get(
    "/challenge",
    response=ChallengeOut,
    url_name="proof_of_work_challenge",
    summary="A proof-of-work challenge (ALTCHA v2, PBKDF2/SHA-256)",
    description=(
        "Find the smallest counter such that PBKDF2-HMAC-SHA256(password = nonce bytes + counter as 4 bytes "
        "big-endian, salt, cost iterations, keyLength bytes) starts with keyPrefix (hex). The ALTCHA widget and "
        "libraries do this. " + ALTCHA_DESCRIPTION
    ),
)
def proof_of_work_challenge(request: HttpRequest) -> dict[str, Any]:
    return challenge_new(cost=intake_settings().proof_of_work_cost)


def proof_of_work_gate(request: HttpRequest, *, purpose: str) -> None:
    """Refuses (before any costly work) an API call without a fresh solved challenge, or over the limits."""
    gate = submission_gate(client_key=getattr(request, "client_key", ""), proof=request.headers.get(ALTCHA_HEADER),
                           purpose=purpose, allow_without_proof=False)  # fmt: skip
    if gate.refusal is not None:
        raise ApiError(gate.status, gate.refusal.value, gate.message)


@router.get("/categories", response=list[CategoryOut], summary="Categories a report can have")
def categories(request: HttpRequest) -> list[Category]:
    return list(Category.objects.filter(active=True))


@router.get("/regions", response=list[RegionOut], summary="Regions that route a report to a unit")
def regions(request: HttpRequest) -> list[RegionOut]:
    result = []
    for code, label in REGIONS:
        with override("zh-hans"):
            name_zh = str(label)
        with override("en"):
            name_en = str(label)
        result.append(RegionOut(code=code, name_zh=name_zh, name_en=name_en))
    return result


def _draft(payload: ReportIn) -> ReportDraft:
    if payload.anonymous and payload.reporter is not None:
        raise ApiError(
            422, "anonymous_with_identity", "An anonymous report must not carry `reporter`.", "reporter"
        )
    if not payload.anonymous and payload.reporter is None:
        raise ApiError(422, "identity_required", "A report by name needs `reporter`.", "reporter")
    identity = None
    if payload.reporter is not None:
        identity = ReporterIdentity(
            **{**payload.reporter.model_dump(), "kind": ReporterKind(payload.reporter.kind)}
        )
    consent = payload.consent or ConsentIn()
    return ReportDraft(
        channel=Channel.API,
        category=payload.category,
        language=payload.language,
        text=payload.text,
        occurred=payload.occurred,
        region=payload.region,
        place=payload.place,
        people=payload.people,
        identifiers=payload.identifiers,
        identity=identity,
        consent=Consent(**consent.model_dump()),
    )


@router.post(
    "/reports",
    response={201: ReceiptOut, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Make a report",
    description=(
        "Registers a report and answers with its receipt code once the report is stored. Send an "
        "`Idempotency-Key` (22-128 characters of A-Z a-z 0-9 _ -, e.g. a UUID) to make retries safe: a retry "
        "with the same key and body returns the same receipt; the same key with another body answers 409. "
        "Attachments are added afterwards with POST /api/v1/status/attachments. " + ALTCHA_DESCRIPTION
    ),
)
def report_create(
    request: HttpRequest,
    payload: ReportIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
) -> Status[ReceiptOut]:
    if idempotency_key is not None and not submission_token_valid(idempotency_key):
        raise ApiError(
            400, "invalid_idempotency_key", "Idempotency-Key must be 22-128 characters of A-Z a-z 0-9 _ -."
        )
    proof_of_work_gate(request, purpose="report")
    token = SubmissionToken(idempotency_key or secrets.token_urlsafe(24))
    try:
        receipt = report_submit(draft=_draft(payload), token=token)
    except SubmissionInvalid as invalid:
        raise problems_error(invalid.problems) from None
    except SubmissionTokenReused:
        raise ApiError(
            409, "idempotency_key_reused", "This Idempotency-Key was used for a different report."
        ) from None
    return Status(
        201,
        ReceiptOut(
            receipt=receipt_format(receipt.code),
            report_id=receipt.report_public_id,
            registered_at=receipt.registered_at,
        ),
    )
