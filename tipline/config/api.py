"""The versioned JSON API. /api/v1/openapi.json describes it for mini-program and app clients."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from tipline.api_errors import ApiError
from tipline.intake.api import router as reports_router
from tipline.reporters.api import router as followup_router

logger = logging.getLogger(__name__)

api_v1 = NinjaAPI(
    title="Tipline API",
    version="1",
    description='Reports and follow-up by receipt code. Errors are JSON: {"error": {"code", "message", "field"}}.',
    urls_namespace="api-v1",
    docs_url=None,  # no interactive docs page: it would load scripts from elsewhere
)
api_v1.add_router("/", reports_router)
api_v1.add_router("/", followup_router)


def _json_error(request: HttpRequest, error: ApiError) -> HttpResponse:
    return api_v1.create_response(request, error.body(), status=error.status)


@api_v1.exception_handler(ApiError)
def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return _json_error(request, exc)


def _field_of(location: list[object]) -> str:
    parts = [str(p) for p in location if p not in ("body", "payload", "query", "header", "form", "file")]
    return ".".join(parts)


@api_v1.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    from tipline.intake.submissions import Problem

    problems = [
        Problem(
            field=_field_of(list(e.get("loc", []))),
            code=str(e.get("type", "invalid")),
            message=str(e.get("msg", "")),
        )
        for e in exc.errors
    ]
    json_invalid = any(p.code in ("json_invalid", "model_attributes_type") for p in problems)
    if json_invalid:
        return _json_error(request, ApiError(400, "invalid_json", _("The body is not a JSON object.")))
    first = problems[0] if problems else Problem("", "invalid", "")
    message = _("%(field)s: %(problem)s") % {"field": first.field or _("body"), "problem": first.message}
    return _json_error(request, ApiError(422, "invalid", message, first.field or None, problems))


@api_v1.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _json_error(
        request,
        ApiError(
            401,
            "receipt_invalid",
            _("No report has this receipt code. Send `Authorization: Receipt <16 digits>`."),
        ),
    )


@api_v1.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 400:  # Ninja's answer to a body that does not parse
        return _json_error(request, ApiError(400, "invalid_json", _("The body is not valid JSON.")))
    return _json_error(request, ApiError(exc.status_code, "http_error", str(exc)))


@api_v1.exception_handler(Exception)
def unexpected_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Logged with its traceback (no request details, see client_privacy); the client gets JSON, not an HTML page.
    logger.exception("API error on %s %s", request.method, request.path)
    return _json_error(
        request, ApiError(500, "internal_error", _("Something went wrong. Please try again later."))
    )
