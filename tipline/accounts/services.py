"""Creating units and staff."""

from __future__ import annotations

from django.db import transaction

from tipline.accounts.models import Role, StaffUser, Unit
from tipline.audit.services import Actor, audit_append
from tipline.vault.staff_keys import recipient_key_create

# Roles that need a key pair: custodians open identities; handlers receive identities re-sealed to them.
_ROLES_WITH_KEYS = {Role.IDENTITY_CUSTODIAN, Role.HANDLER, Role.SUPERVISOR}


def staff_create(
    *, acting: Actor, username: str, password: str, role: Role, unit: Unit | None, full_name: str = ""
) -> StaffUser:
    with transaction.atomic(durable=True):
        recipient = (
            recipient_key_create(password=password, receives_identity_seals=role == Role.IDENTITY_CUSTODIAN)
            if role in _ROLES_WITH_KEYS
            else None
        )
        user = StaffUser(
            username=username, role=role, unit=unit, first_name=full_name, recipient_key=recipient
        )
        user.set_password(password)
        user.save()
        audit_append(actor=acting, action="staff.created", subject=f"staff:{user.pk}", details={"role": role})
        return user
