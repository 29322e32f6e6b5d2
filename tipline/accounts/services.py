"""Creating staff, and everything about signing in."""

from __future__ import annotations

import hmac

import pyotp
from django.db import transaction

from tipline import clock
from tipline.accounts.models import Role, StaffUser, Unit
from tipline.audit.services import Actor, audit_append
from tipline.vault.staff_keys import recipient_key_create, recipient_private_rewrap
from tipline.vault.staff_sessions import totp_secret_open, totp_secret_seal

# Roles that need a key pair: custodians open identities; handlers receive identities re-sealed to them.
_ROLES_WITH_KEYS = {Role.IDENTITY_CUSTODIAN, Role.HANDLER, Role.SUPERVISOR}


def staff_create(
    *,
    acting: Actor,
    username: str,
    password: str,
    role: Role,
    unit: Unit | None,
    full_name: str = "",
    language: str = "zh-hans",
) -> StaffUser:
    with transaction.atomic(durable=True):
        recipient = (
            recipient_key_create(password=password, receives_identity_seals=role == Role.IDENTITY_CUSTODIAN)
            if role in _ROLES_WITH_KEYS
            else None
        )
        user = StaffUser(
            username=username,
            role=role,
            unit=unit,
            first_name=full_name,
            recipient_key=recipient,
            language=language,
        )
        user.set_password(password)
        user.save()
        audit_append(actor=acting, action="staff.created", subject=f"staff:{user.pk}", details={"role": role})
        return user


# --- signing in -------------------------------------------------------------------------------------------------

TOTP_ISSUER = "Tipline"


def staff_signin_recorded(*, user: StaffUser) -> None:
    with transaction.atomic(durable=True):
        audit_append(actor=Actor.staff(user.pk), action="staff.signed_in", subject=f"staff:{user.pk}")


def staff_signin_failed(*, user: StaffUser | None, locked: bool, stage: str) -> None:
    """Failed sign-ins of known accounts are audited; a lockout is its own event."""
    if user is None:
        return
    with transaction.atomic(durable=True):
        audit_append(
            actor=Actor.system(),
            action="staff.signin_failed",
            subject=f"staff:{user.pk}",
            details={"stage": stage},
        )
        if locked:
            audit_append(actor=Actor.system(), action="staff.locked_out", subject=f"staff:{user.pk}")


def staff_totp_enrol(*, user: StaffUser, secret: str, code: str) -> bool:
    """Confirms a new second factor with a first code from the staff member's authenticator app."""
    step = totp_step_accepted(secret, code, last_step=None)
    if step is None:
        return False
    with transaction.atomic(durable=True):
        user.totp_secret_sealed = totp_secret_seal(secret, staff_id=user.pk)
        user.totp_last_step = step
        user.save(update_fields=["totp_secret_sealed", "totp_last_step"])
        audit_append(actor=Actor.staff(user.pk), action="staff.totp_enrolled", subject=f"staff:{user.pk}")
    return True


def staff_totp_check(*, user: StaffUser, code: str) -> bool:
    """Checks a code against the enrolled secret. A code is accepted once: its time step is remembered, so an
    observed code cannot be replayed."""
    if user.totp_secret_sealed is None:
        return False
    secret = totp_secret_open(bytes(user.totp_secret_sealed), staff_id=user.pk)
    with transaction.atomic(durable=True):
        locked = StaffUser.objects.select_for_update().get(pk=user.pk)
        step = totp_step_accepted(secret, code, last_step=locked.totp_last_step)
        if step is None:
            return False
        locked.totp_last_step = step
        locked.save(update_fields=["totp_last_step"])
    user.totp_last_step = step
    return True


def totp_step_accepted(secret: str, code: str, *, last_step: int | None) -> int | None:
    """The time step `code` belongs to (now, or one step either side for clock drift), or None."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    now_step = int(clock.now().timestamp()) // totp.interval
    for step in (now_step, now_step - 1, now_step + 1):
        if last_step is not None and step <= last_step:
            continue
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def totp_secret_new() -> str:
    return pyotp.random_base32()


def totp_provisioning_uri(*, user: StaffUser, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=TOTP_ISSUER)


def staff_password_change(*, user: StaffUser, old_password: str, new_password: str) -> None:
    """Changes the password and re-encrypts the staff member's private key under it (the key stays the same)."""
    with transaction.atomic(durable=True):
        if user.recipient_key is not None:
            recipient_private_rewrap(user.recipient_key, old_password=old_password, new_password=new_password)
        user.set_password(new_password)
        user.save(update_fields=["password"])
        audit_append(actor=Actor.staff(user.pk), action="staff.password_changed", subject=f"staff:{user.pk}")
