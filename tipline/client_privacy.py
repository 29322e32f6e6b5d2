"""Nothing about the client's connection survives past the first middleware.

The address is turned into a short-lived keyed hash (for rate limits, kept only in the cache) and then removed
from the request together with the user agent and forwarding headers, so no view, log line or error report can
record them."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from tipline.vault.client_hash import client_address_hash

_IDENTIFYING_META = (
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "HTTP_USER_AGENT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_VIA",
    "HTTP_REFERER",
    "HTTP_SEC_CH_UA",
    "HTTP_SEC_CH_UA_PLATFORM",
    "HTTP_SEC_CH_UA_MOBILE",
)


class ForgetClientMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Behind a reverse proxy the proxy's address is all we get. A deployment whose proxy overwrites
        # X-Real-IP with the client's address sets TIPLINE_BEHIND_PROXY; without a proxy the header is the
        # client's own word, and trusting it would let a flood pick a new address for every request.
        address = request.META.get("REMOTE_ADDR") or ""
        if settings.TIPLINE_BEHIND_PROXY:
            address = request.META.get("HTTP_X_REAL_IP") or address
        request.client_key = client_address_hash(address)  # type: ignore[attr-defined]
        # WeChat's in-app browser is recognised for layout only; the boolean is all that is kept.
        request.in_wechat = "MicroMessenger" in request.META.get("HTTP_USER_AGENT", "")  # type: ignore[attr-defined]
        for name in _IDENTIFYING_META:
            request.META.pop(name, None)
        request.META["REMOTE_ADDR"] = "0.0.0.0"  # noqa: S104 - a placeholder for code that expects the key
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """A strict content security policy: pages load only their own scripts and styles."""

    POLICY = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.POLICY)
        response.headers.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        return response


class DropRequestDetailsFilter(logging.Filter):
    """Django attaches the request to error log records; handlers that format it could print headers or the
    body. The record keeps its message (method and path) and loses the request object."""

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            record.request = None
        return True
