"""Signing staff in for tests the way a person does: password, then a code from their authenticator."""

from __future__ import annotations

import pyotp
from django.test import Client

from tipline import clock
from tipline.accounts.models import Role, StaffUser, Unit
from tipline.testsupport.factories import STAFF_PASSWORD, staff_make
from tipline.vault.staff_sessions import totp_secret_seal

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def staff_enrolled(role: Role, unit: Unit | None, username: str | None = None) -> StaffUser:
    """A member of staff whose authenticator is already set up with TOTP_SECRET."""
    user = staff_make(role, unit, username)
    user.totp_secret_sealed = totp_secret_seal(TOTP_SECRET, staff_id=user.pk)
    user.save(update_fields=["totp_secret_sealed"])
    return user


def totp_code_for(user: StaffUser) -> str:
    """A code the server will accept now: the next time step after the last one this user used."""
    user.refresh_from_db(fields=["totp_last_step"])
    totp = pyotp.TOTP(TOTP_SECRET)
    step = int(clock.now().timestamp()) // totp.interval
    if user.totp_last_step is not None and user.totp_last_step >= step:
        step = user.totp_last_step + 1
    return totp.generate_otp(step)


def staff_sign_in(client: Client, user: StaffUser, password: str = STAFF_PASSWORD) -> Client:
    response = client.post("/staff/sign-in/", {"username": user.username, "password": password})
    assert response.status_code == 302, response.content[:500]
    response = client.post("/staff/sign-in/second-factor/", {"code": totp_code_for(user)})
    assert response.status_code == 302, response.content[:500]
    return client
