"""JSON API v1 for follow-up with a receipt code: `Authorization: Receipt <16 digits>`."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.security import APIKeyHeader

from tipline.api_errors import ApiError, ErrorOut, problems_error
from tipline.intake.api import StrictSchema, proof_of_work_gate
from tipline.intake.models import Report
from tipline.intake.submissions import FIELD_MAX_CHARS, TEXT_MAX_CHARS, SubmissionInvalid
from tipline.intake.uploads import upload_problems
from tipline.intake.views import incoming_files, upload_problem_messages
from tipline.reporters.selectors import report_for_receipt, reporter_thread
from tipline.reporters.services import protection_request_submit, reporter_files_add, reporter_message_add
from tipline.reporters.throttle import (
    receipt_attempts_exhausted,
    receipt_code_attempt_allowed,
    receipt_failure_record,
)
from tipline.vault.receipts import receipt_parse


class ReceiptAuth(APIKeyHeader):
    """`Authorization: Receipt 1234 5678 9012 3456`. Wrong codes count against the client's allowance."""

    param_name = "Authorization"
    openapi_description = (
        "The receipt code: `Receipt dddd dddd dddd dddd`. Each call also needs a solved proof of work in the "
        "`Altcha` header (GET /api/v1/challenge)."
    )

    def authenticate(self, request: HttpRequest, key: str | None) -> Report | None:
        client_key = getattr(request, "client_key", "")
        proof_of_work_gate(request, purpose="sign-in")
        if receipt_attempts_exhausted(client_key):
            raise ApiError(
                429, "too_many_attempts", _("Too many wrong codes. Wait 15 minutes, then try again.")
            )
        scheme, _space, value = (key or "").partition(" ")
        code = receipt_parse(value) if scheme.lower() == "receipt" else None
        if code is not None and not receipt_code_attempt_allowed(code):
            raise ApiError(
                429, "too_many_attempts", _("This code was tried too often. Wait an hour, then try again.")
            )
        report = report_for_receipt(code) if code else None
        if report is None:
            receipt_failure_record(client_key)
            return None
        return report


router = Router(tags=["follow-up"], auth=ReceiptAuth())


class MessageOut(Schema):
    author: Literal["staff", "reporter"] = Field(..., description="Who wrote it.")
    text: str
    at: dt.datetime


class StatusOut(Schema):
    report_id: str
    status: Literal["received", "in_progress", "closed"]
    status_label: str
    registered_at: dt.datetime
    messages: list[MessageOut]
    attachments: int


class MessageIn(StrictSchema):
    text: str = Field(..., min_length=1, max_length=TEXT_MAX_CHARS)


class ProtectionIn(StrictSchema):
    for_whom: Literal["self", "relatives", "both"]
    details: str = Field(..., min_length=1, max_length=FIELD_MAX_CHARS)


class AttachmentsOut(Schema):
    added: int


class AcceptedOut(Schema):
    accepted: bool


_UNAUTHORIZED: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 429: ErrorOut}


def _thread(report: Report) -> list[MessageOut]:
    return [
        MessageOut(author=entry.author, text=entry.text, at=entry.at) for entry in reporter_thread(report)
    ]  # type: ignore[arg-type]


@router.get(
    "/status", response={200: StatusOut, **_UNAUTHORIZED}, summary="Status and conversation of a report"
)
def status(request: HttpRequest) -> StatusOut:
    report: Report = request.auth  # type: ignore[attr-defined]
    return StatusOut(
        report_id=report.public_id,
        status=report.status,  # type: ignore[arg-type]
        status_label=str(report.get_status_display()),
        registered_at=report.registered_at,
        messages=_thread(report),
        attachments=report.attachments.count(),
    )


@router.post(
    "/status/messages",
    response={201: list[MessageOut], 400: ErrorOut, 422: ErrorOut, **_UNAUTHORIZED},
    summary="Answer a question or add information",
)
def message_create(request: HttpRequest, payload: MessageIn) -> Status[list[MessageOut]]:
    report: Report = request.auth  # type: ignore[attr-defined]
    try:
        reporter_message_add(report=report, text=payload.text)
    except SubmissionInvalid as invalid:
        raise problems_error(invalid.problems) from None
    return Status(201, _thread(report))


@router.post(
    "/status/attachments",
    response={201: AttachmentsOut, 413: ErrorOut, 400: ErrorOut, 422: ErrorOut, **_UNAUTHORIZED},
    summary="Add files (multipart/form-data, field `files`, one or more)",
)
def attachments_create(
    request: HttpRequest, files: File[list[UploadedFile]] = None
) -> Status[AttachmentsOut]:
    report: Report = request.auth  # type: ignore[attr-defined]
    refused = upload_problems(request)
    if refused:
        too_big = any(reason in ("too_large", "too_many_files") for _name, reason in refused)
        raise ApiError(
            413 if too_big else 422, "file_refused", "; ".join(upload_problem_messages(request)), "files"
        )
    try:
        rows = reporter_files_add(report=report, files=incoming_files(request, "files"))
    except SubmissionInvalid as invalid:
        raise problems_error(invalid.problems) from None
    return Status(201, AttachmentsOut(added=len(rows)))


@router.post(
    "/status/protection",
    response={201: AcceptedOut, 400: ErrorOut, 422: ErrorOut, **_UNAUTHORIZED},
    summary="Ask for protection for yourself or close relatives",
)
def protection_create(request: HttpRequest, payload: ProtectionIn) -> Status[AcceptedOut]:
    report: Report = request.auth  # type: ignore[attr-defined]
    try:
        protection_request_submit(report=report, for_whom=payload.for_whom, details=payload.details)
    except SubmissionInvalid as invalid:
        raise problems_error(invalid.problems) from None
    return Status(201, AcceptedOut(accepted=True))
