"""Signing staff in and out (password, then TOTP), and their own settings."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tipline.accounts.forms import PasswordChangeForm, SecondFactorForm, SignInForm
from tipline.accounts.models import Role, StaffUser
from tipline.accounts.services import (
    staff_password_change,
    staff_signin_failed,
    staff_signin_recorded,
    staff_totp_check,
    staff_totp_enrol,
    totp_provisioning_uri,
    totp_secret_new,
)
from tipline.accounts.staff_session import (
    is_fully_signed_in,
    key_cookie_set,
    pending_signin_start,
    pending_user,
    signin_complete,
    signout,
    staff_required,
)
from tipline.accounts.throttle import signin_blocked, signin_failure_record, signin_failures_clear
from tipline.vault.envelope import DecryptionFailed
from tipline.vault.staff_keys import recipient_private_unlock

_ENROL_SECRET = "enrol_totp_secret"  # noqa: S105 - the session key under which the secret waits, not a secret


def _lockout_message() -> str:
    minutes = max(1, settings.TIPLINE_STAFF_LOCKOUT_SECONDS // 60)
    return _("Too many failed attempts. This account is locked for %(minutes)d minutes.") % {
        "minutes": minutes
    }


def _next_url(request: HttpRequest) -> str:
    candidate = request.GET.get("next") or request.POST.get("next") or ""
    if candidate.startswith("/staff/") and url_has_allowed_host_and_scheme(candidate, allowed_hosts=None):
        return candidate
    return "/staff/"


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if is_fully_signed_in(request):
        return redirect("/staff/")
    form = SignInForm(request.POST or None)
    client_key = getattr(request, "client_key", "")
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        if signin_blocked(username=username, client_key=client_key):
            form.add_error(None, _lockout_message())
            return render(request, "accounts/sign_in.html", {"form": form}, status=429)
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if not isinstance(user, StaffUser):
            locked = signin_failure_record(username=username, client_key=client_key)
            staff_signin_failed(
                user=StaffUser.objects.filter(username=username).first(), locked=locked, stage="password"
            )
            form.add_error(None, _("The user name or password is wrong."))
            return render(request, "accounts/sign_in.html", {"form": form}, status=400)
        private = None
        if user.recipient_key is not None:
            try:
                private = recipient_private_unlock(user.recipient_key, password=form.cleaned_data["password"])
            except DecryptionFailed:
                private = None  # the key was made under an earlier password; identity work needs it re-issued
        cookie_secret = pending_signin_start(request, user, private)
        response = redirect(f"/staff/sign-in/second-factor/?next={_next_url(request)}")
        if cookie_secret:
            key_cookie_set(response, cookie_secret)
        return response
    return render(
        request, "accounts/sign_in.html", {"form": form}, status=400 if request.method == "POST" else 200
    )


@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    user = pending_user(request)
    if user is None:
        return redirect(settings.LOGIN_URL)
    enrolling = user.totp_secret_sealed is None
    if enrolling and _ENROL_SECRET not in request.session:
        request.session[_ENROL_SECRET] = totp_secret_new()
    form = SecondFactorForm(request.POST or None)
    client_key = getattr(request, "client_key", "")
    if request.method == "POST" and form.is_valid():
        if signin_blocked(username=user.username, client_key=client_key):
            form.add_error(None, _lockout_message())
        else:
            code = form.cleaned_data["code"]
            ok = (
                staff_totp_enrol(user=user, secret=request.session[_ENROL_SECRET], code=code)
                if enrolling
                else staff_totp_check(user=user, code=code)
            )
            if ok:
                request.session.pop(_ENROL_SECRET, None)
                signin_complete(request, user)
                signin_failures_clear(username=user.username, client_key=client_key)
                staff_signin_recorded(user=user)
                return redirect(_next_url(request))
            locked = signin_failure_record(username=user.username, client_key=client_key)
            staff_signin_failed(user=user, locked=locked, stage="second_factor")
            form.add_error("code", _("This code is not right, or was already used. Wait for the next code."))
    context = {"form": form, "enrolling": enrolling, "next": _next_url(request)}
    if enrolling:
        secret = request.session[_ENROL_SECRET]
        uri = totp_provisioning_uri(user=user, secret=secret)
        context.update({"secret": secret, "qr_svg": _qr_svg(uri)})
    return render(request, "accounts/second_factor.html", context, status=400 if form.errors else 200)


def _qr_svg(uri: str) -> str:
    import segno

    return segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff")


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    response = redirect(settings.LOGIN_URL)
    signout(request, response)
    return response


@staff_required()
def home(request: HttpRequest) -> HttpResponse:
    """Where each role starts its day."""
    role = request.user.role  # type: ignore[union-attr]
    starts = {
        Role.IDENTITY_CUSTODIAN: "cases:identity_requests",
        Role.AUDITOR: "audit:event_list",
        Role.ADMINISTRATOR: "admin:index",
        Role.EDITOR: "admin:index",
    }
    return redirect(starts.get(role, "cases:queue"))


@require_POST
@staff_required()
def language_set(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language")
    if language in dict(settings.LANGUAGES):
        StaffUser.objects.filter(pk=request.user.pk).update(language=language)
    return redirect(_next_url(request))


@require_http_methods(["GET", "POST"])
@staff_required()
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None)
    user: StaffUser = request.user  # type: ignore[assignment]
    if request.method == "POST" and form.is_valid():
        if not user.check_password(form.cleaned_data["old_password"]):
            form.add_error("old_password", _("This is not your current password."))
        else:
            staff_password_change(
                user=user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
            )
            response = redirect(settings.LOGIN_URL)
            signout(request, response)
            return response
    return render(request, "accounts/password_change.html", {"form": form})
