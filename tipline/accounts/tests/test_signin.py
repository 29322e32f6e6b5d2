"""Staff sign-in: a password and a second factor for everyone, throttling and lockout, idle expiry, and a session
that never leaks into the public site."""

from __future__ import annotations

from typing import Any

import pyotp
import pytest
from django.test import Client

from tipline.accounts.models import Role, StaffUser
from tipline.accounts.staff_session import KEY_COOKIE
from tipline.audit.models import AuditEvent
from tipline.testsupport.factories import STAFF_PASSWORD, staff_make
from tipline.testsupport.staff import TOTP_SECRET, staff_enrolled, staff_sign_in, totp_code_for

pytestmark = pytest.mark.django_db


def _password(client: Client, user: StaffUser, password: str = STAFF_PASSWORD) -> Any:
    return client.post("/staff/sign-in/", {"username": user.username, "password": password})


def test_password_alone_does_not_open_the_workspace(client: Client, units: dict) -> None:
    handler = staff_enrolled(Role.HANDLER, units["beijing"])
    assert _password(client, handler).status_code == 302
    assert client.get("/staff/cases/")["Location"].startswith("/staff/sign-in/")
    response = client.post("/staff/sign-in/second-factor/", {"code": totp_code_for(handler)})
    assert response.status_code == 302
    assert client.get("/staff/cases/").status_code == 200
    assert AuditEvent.objects.filter(action="staff.signed_in", actor_id=handler.pk).exists()


def test_first_sign_in_enrols_the_authenticator(client: Client, units: dict) -> None:
    user = staff_make(Role.SUPERVISOR, units["beijing"])
    _password(client, user)
    page = client.get("/staff/sign-in/second-factor/").content.decode()
    assert "<svg" in page
    secret = page.split("data-totp-secret>")[1].split("<")[0]
    assert client.post("/staff/sign-in/second-factor/", {"code": "000000"}).status_code == 400
    assert client.post("/staff/sign-in/second-factor/", {"code": pyotp.TOTP(secret).now()}).status_code == 302
    user.refresh_from_db()
    assert user.totp_secret_sealed is not None and secret.encode() not in bytes(user.totp_secret_sealed)
    assert client.get("/staff/cases/").status_code == 200


def test_a_used_code_cannot_be_replayed(client: Client, units: dict) -> None:
    user = staff_enrolled(Role.HANDLER, units["beijing"])
    code = totp_code_for(user)
    _password(client, user)
    assert client.post("/staff/sign-in/second-factor/", {"code": code}).status_code == 302
    other = Client()
    _password(other, user)
    assert other.post("/staff/sign-in/second-factor/", {"code": code}).status_code == 400


def test_wrong_passwords_lock_the_account(client: Client, units: dict, settings: Any) -> None:
    settings.TIPLINE_STAFF_SIGNIN_FAILURES_ALLOWED = 3
    user = staff_enrolled(Role.HANDLER, units["beijing"])
    for _ in range(3):
        assert _password(client, user, "wrong").status_code == 400
    locked = _password(Client(HTTP_ACCEPT_LANGUAGE="en"), user)  # even the right password, from anywhere
    assert locked.status_code == 429 and "locked" in locked.content.decode()
    assert AuditEvent.objects.filter(action="staff.locked_out", subject=f"staff:{user.pk}").count() == 1


def test_wrong_second_factor_codes_count_towards_the_lockout(
    client: Client, units: dict, settings: Any
) -> None:
    settings.TIPLINE_STAFF_SIGNIN_FAILURES_ALLOWED = 2
    user = staff_enrolled(Role.HANDLER, units["beijing"])
    _password(client, user)
    for _ in range(2):
        client.post("/staff/sign-in/second-factor/", {"code": "123456"})
    response = client.post("/staff/sign-in/second-factor/", {"code": totp_code_for(user)})
    assert response.status_code == 400 and "locked" in response.content.decode()


def test_session_cookie_is_scoped_to_the_workspace_and_expires_when_idle(
    client: Client, units: dict, settings: Any
) -> None:
    user = staff_enrolled(Role.HANDLER, units["beijing"])
    staff_sign_in(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["path"] == "/staff/" and cookie["httponly"] and cookie["samesite"] == "Strict"
    assert int(cookie["max-age"] or 0) == 0 or cookie["max-age"] == ""  # a browser-session cookie
    assert client.cookies[KEY_COOKIE]["path"] == "/staff/"
    public = client.get("/en/")
    assert settings.SESSION_COOKIE_NAME not in public.cookies
    import datetime as dt

    from django.contrib.sessions.models import Session

    from tipline import clock

    Session.objects.update(expire_date=clock.now() - dt.timedelta(seconds=1))  # 30 idle minutes later
    assert client.get("/staff/cases/")["Location"].startswith("/staff/sign-in/")


def test_staff_pages_are_never_cached(client: Client, units: dict) -> None:
    staff_sign_in(client, staff_enrolled(Role.HANDLER, units["beijing"]))
    assert "no-store" in client.get("/staff/cases/")["Cache-Control"]


def test_sign_out_ends_the_session(client: Client, units: dict) -> None:
    staff_sign_in(client, staff_enrolled(Role.HANDLER, units["beijing"]))
    client.post("/staff/sign-out/")
    assert client.get("/staff/cases/").status_code == 302


def test_password_change_keeps_the_private_key(client: Client, units: dict) -> None:
    from tipline.vault.staff_keys import recipient_private_unlock

    user = staff_enrolled(Role.IDENTITY_CUSTODIAN, units["national"])
    staff_sign_in(client, user)
    response = client.post(
        "/staff/password/", {"old_password": STAFF_PASSWORD, "new_password": "a much longer passphrase"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a much longer passphrase")
    recipient_private_unlock(user.recipient_key, password="a much longer passphrase")


def test_totp_secret_constant_is_what_tests_enrol(units: dict) -> None:
    user = staff_enrolled(Role.HANDLER, units["beijing"])
    from tipline.vault.staff_sessions import totp_secret_open

    assert totp_secret_open(bytes(user.totp_secret_sealed), staff_id=user.pk) == TOTP_SECRET
