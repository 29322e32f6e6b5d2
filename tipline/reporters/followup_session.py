"""The reporter's follow-up session: a sealed cookie naming the report, renewed on every page, expiring when
idle. No server-side session exists for reporters, so nothing on the server links a browser to a report."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from tipline.intake.models import Report
from tipline.vault.sealed_tokens import sealed_token_issue, sealed_token_open

COOKIE_NAME = "tipline_followup"
_PURPOSE = "reporter-followup"


def followup_report(request: HttpRequest) -> Report | None:
    token = request.COOKIES.get(COOKIE_NAME)
    if not token:
        return None
    payload = sealed_token_open(
        token, purpose=_PURPOSE, max_age_seconds=settings.TIPLINE_FOLLOWUP_IDLE_SECONDS
    )
    if payload is None or not isinstance(payload.get("r"), int):
        return None
    return Report.objects.select_related("content_key", "attachment_key").filter(pk=payload["r"]).first()


def followup_cookie_set(response: HttpResponse, report: Report) -> None:
    response.set_cookie(
        COOKIE_NAME,
        sealed_token_issue({"r": report.pk}, purpose=_PURPOSE),
        max_age=settings.TIPLINE_FOLLOWUP_IDLE_SECONDS,
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Strict",
    )


def followup_cookie_clear(response: HttpResponse) -> None:
    response.delete_cookie(COOKIE_NAME, samesite="Strict")
