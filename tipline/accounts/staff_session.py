"""The staff session: password first, then the second factor; only then is the session signed in.

Between the two steps the session holds only the account id and the moment the password was accepted. The
staff member's private key, unlocked with the password at the first step, is sealed under a secret that travels
in its own cookie (see tipline.vault.staff_sessions)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth import login, logout
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from tipline import clock
from tipline.accounts.models import Role, StaffUser
from tipline.vault import tinkset
from tipline.vault.envelope import DecryptionFailed
from tipline.vault.staff_sessions import session_private_open, session_private_seal

KEY_COOKIE = "tipline_staff_key"
_PENDING_USER = "pending_staff_id"
_PENDING_AT = "pending_since"
_SEALED_PRIVATE = "sealed_private_key"
_SECOND_FACTOR_DONE = "second_factor_done"
PENDING_SECONDS = 5 * 60


def pending_signin_start(
    request: HttpRequest, user: StaffUser, private: tinkset.KeysetHandle | None
) -> str | None:
    """Remembers that the password was right. Returns the cookie secret to set on the response, if any."""
    request.session.cycle_key()
    request.session[_PENDING_USER] = user.pk
    request.session[_PENDING_AT] = clock.now().timestamp()
    if private is None:
        return None
    cookie_secret, sealed = session_private_seal(private)
    request.session[_SEALED_PRIVATE] = base64.b64encode(sealed).decode("ascii")
    return cookie_secret


def pending_user(request: HttpRequest) -> StaffUser | None:
    staff_id = request.session.get(_PENDING_USER)
    started = request.session.get(_PENDING_AT, 0)
    if staff_id is None or clock.now().timestamp() - started > PENDING_SECONDS:
        return None
    return StaffUser.objects.filter(pk=staff_id, is_active=True).first()


def signin_complete(request: HttpRequest, user: StaffUser) -> None:
    sealed = request.session.get(_SEALED_PRIVATE)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")  # keeps the session data
    request.session.pop(_PENDING_USER, None)
    request.session.pop(_PENDING_AT, None)
    if sealed:
        request.session[_SEALED_PRIVATE] = sealed
    request.session[_SECOND_FACTOR_DONE] = True


def key_cookie_set(response: HttpResponse, cookie_secret: str) -> None:
    response.set_cookie(
        KEY_COOKIE, cookie_secret, path="/staff/", httponly=True, samesite="Strict",
        secure=settings.SESSION_COOKIE_SECURE,
    )  # fmt: skip


def signout(request: HttpRequest, response: HttpResponse) -> None:
    logout(request)
    response.delete_cookie(KEY_COOKIE, path="/staff/", samesite="Strict")


def staff_private_key(request: HttpRequest) -> tinkset.KeysetHandle | None:
    """The signed-in staff member's private key, or None (no key pair, or the key cookie is missing)."""
    sealed = request.session.get(_SEALED_PRIVATE)
    cookie_secret = request.COOKIES.get(KEY_COOKIE)
    if not sealed or not cookie_secret:
        return None
    try:
        return session_private_open(cookie_secret, base64.b64decode(sealed))
    except (DecryptionFailed, ValueError):
        return None


def is_fully_signed_in(request: HttpRequest) -> bool:
    return bool(request.user.is_authenticated and request.session.get(_SECOND_FACTOR_DONE))


StaffView = Callable[..., HttpResponse]


def staff_required(*roles: Role) -> Callable[[StaffView], StaffView]:
    """Signed in with both factors, and (when roles are given) holding one of them. Anyone else is sent to sign
    in; a signed-in member of staff without the role gets 403 (and the attempt is visible in the server log)."""

    def decorator(view: StaffView) -> StaffView:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not is_fully_signed_in(request):
                return redirect(f"{settings.LOGIN_URL}?next={request.path}")
            if roles and request.user.role not in roles:  # type: ignore[union-attr]
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
