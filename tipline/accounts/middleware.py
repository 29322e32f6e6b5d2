from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from tipline.accounts.staff_session import KEY_COOKIE

STAFF_PREFIX = "/staff/"


class StaffSurfaceMiddleware:
    """For the staff workspace: pages in the member's chosen language, and never cached anywhere (they show
    report content)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(STAFF_PREFIX):
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        response = self.get_response(request)
        add_never_cache_headers(response)
        response["Cache-Control"] = "no-store, private"
        return response


class SurfaceSeparationMiddleware:
    """The public site never sees a staff session: outside /staff/ the staff cookies are dropped before the session
    middleware could load them (a browser would not send them there anyway: they are scoped to /staff/)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(STAFF_PREFIX):
            for name in (settings.SESSION_COOKIE_NAME, KEY_COOKIE):
                request.COOKIES.pop(name, None)
        return self.get_response(request)
