"""The reporter's follow-up session: a sealed cookie naming the report ({"r": pk}) or, for a complaint about staff,
the complaint ({"c": pk}), renewed on every page, expiring when idle. No server-side session exists for reporters,
so nothing on the server links a browser to a report or a complaint."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from tipline.intake.models import Report
from tipline.reporters.models import Complaint
from tipline.vault.sealed_tokens import sealed_token_issue, sealed_token_open

COOKIE_NAME = "tipline_followup"
_PURPOSE = "reporter-followup"
_REPORT, _COMPLAINT = "r", "c"


def _payload(request: HttpRequest) -> dict[str, Any] | None:
    token = request.COOKIES.get(COOKIE_NAME)
    if not token:
        return None
    return sealed_token_open(token, purpose=_PURPOSE, max_age_seconds=settings.TIPLINE_FOLLOWUP_IDLE_SECONDS)


def _named_pk(request: HttpRequest, kind: str) -> int | None:
    payload = _payload(request)
    if payload is None or not isinstance(payload.get(kind), int):
        return None
    return payload[kind]


def followup_report(request: HttpRequest) -> Report | None:
    pk = _named_pk(request, _REPORT)
    if pk is None:
        return None
    return Report.objects.select_related("content_key", "attachment_key").filter(pk=pk).first()


def followup_complaint(request: HttpRequest) -> Complaint | None:
    pk = _named_pk(request, _COMPLAINT)
    if pk is None:
        return None
    return Complaint.objects.select_related("content_key").filter(pk=pk).first()


def followup_holds_complaint(request: HttpRequest) -> bool:
    """Whether the cookie names a complaint (without reading the database)."""
    return _named_pk(request, _COMPLAINT) is not None


def followup_cookie_set(response: HttpResponse, opened: Report | Complaint) -> None:
    kind = _COMPLAINT if isinstance(opened, Complaint) else _REPORT
    response.set_cookie(
        COOKIE_NAME,
        sealed_token_issue({kind: opened.pk}, purpose=_PURPOSE),
        max_age=settings.TIPLINE_FOLLOWUP_IDLE_SECONDS,
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Strict",
    )


def followup_cookie_clear(response: HttpResponse) -> None:
    response.delete_cookie(COOKIE_NAME, samesite="Strict")
