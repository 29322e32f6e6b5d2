"""Identity sealing: only custodians (and the offline escrow key) open an identity; a handler only after a
custodian re-seals it to them."""

from __future__ import annotations

import pytest

from tipline.accounts.models import Role
from tipline.testsupport.factories import STAFF_PASSWORD, staff_make
from tipline.vault import tinkset
from tipline.vault.envelope import DecryptionFailed
from tipline.vault.identity import escrow_recipient, identity_open, identity_reseal, identity_seal
from tipline.vault.staff_keys import recipient_private_rewrap, recipient_private_unlock

pytestmark = pytest.mark.django_db


def test_custodian_opens_and_handler_cannot_until_resealed(settings: object) -> None:
    custodian = staff_make(Role.IDENTITY_CUSTODIAN, None)
    handler = staff_make(Role.HANDLER, None)
    keyset, ciphertext = identity_seal(b'{"name": "Li Ming"}', binding="report:R1:identity")

    custodian_private = recipient_private_unlock(custodian.recipient_key, password=STAFF_PASSWORD)
    opened = identity_open(
        keyset,
        ciphertext,
        binding="report:R1:identity",
        recipient=custodian.recipient_key,
        recipient_private=custodian_private,
    )
    assert opened == b'{"name": "Li Ming"}'

    handler_private = recipient_private_unlock(handler.recipient_key, password=STAFF_PASSWORD)
    with pytest.raises(DecryptionFailed):
        identity_open(
            keyset,
            ciphertext,
            binding="report:R1:identity",
            recipient=handler.recipient_key,
            recipient_private=handler_private,
        )

    identity_reseal(
        keyset,
        binding="report:R1:identity",
        holder=custodian.recipient_key,
        holder_private=custodian_private,
        new_recipient=handler.recipient_key,
    )
    assert (
        identity_open(
            keyset,
            ciphertext,
            binding="report:R1:identity",
            recipient=handler.recipient_key,
            recipient_private=handler_private,
        )
        == b'{"name": "Li Ming"}'
    )


def test_escrow_key_opens_every_identity(settings: object) -> None:
    from django.conf import settings as django_settings

    keyset, ciphertext = identity_seal(b"who", binding="report:R2:identity")
    escrow_private = tinkset.keyset_from_json(django_settings.TIPLINE_ESCROW_PRIVATE_FILE.read_text())
    assert (
        identity_open(
            keyset,
            ciphertext,
            binding="report:R2:identity",
            recipient=escrow_recipient(),
            recipient_private=escrow_private,
        )
        == b"who"
    )


def test_identity_bound_to_its_report() -> None:
    custodian = staff_make(Role.IDENTITY_CUSTODIAN, None)
    keyset, ciphertext = identity_seal(b"who", binding="report:R3:identity")
    private = recipient_private_unlock(custodian.recipient_key, password=STAFF_PASSWORD)
    with pytest.raises(DecryptionFailed):
        identity_open(
            keyset,
            ciphertext,
            binding="report:OTHER:identity",
            recipient=custodian.recipient_key,
            recipient_private=private,
        )


def test_private_key_needs_the_password_and_survives_a_password_change() -> None:
    custodian = staff_make(Role.IDENTITY_CUSTODIAN, None)
    with pytest.raises(DecryptionFailed):
        recipient_private_unlock(custodian.recipient_key, password="wrong password")
    before = recipient_private_unlock(custodian.recipient_key, password=STAFF_PASSWORD)
    recipient_private_rewrap(
        custodian.recipient_key, old_password=STAFF_PASSWORD, new_password="a new passphrase"
    )
    with pytest.raises(DecryptionFailed):
        recipient_private_unlock(custodian.recipient_key, password=STAFF_PASSWORD)
    after = recipient_private_unlock(custodian.recipient_key, password="a new passphrase")
    assert tinkset.public_keyset_to_json(before) == tinkset.public_keyset_to_json(after)


def test_stored_private_key_is_not_in_the_clear() -> None:
    custodian = staff_make(Role.IDENTITY_CUSTODIAN, None)
    private = recipient_private_unlock(custodian.recipient_key, password=STAFF_PASSWORD)
    secret_bytes = tinkset.keyset_to_bytes(private)
    assert secret_bytes not in bytes(custodian.recipient_key.protected_private)
