"""Staff key pairs. A staff member's private key is stored encrypted under a key derived from their password
(Argon2id), so the database alone never opens it."""

from __future__ import annotations

import secrets

from django.conf import settings

from tipline.vault import tinkset
from tipline.vault.argon2_pool import argon2id_raw
from tipline.vault.envelope import DecryptionFailed
from tipline.vault.models import RecipientKey

_PRIVATE_BINDING = b"tipline/staff-private-key"


def _password_key(password: str, salt: bytes) -> bytes:
    cost = settings.TIPLINE_STAFF_KEY_KDF
    return argon2id_raw(
        password.encode("utf-8"),
        salt,
        time_cost=cost["time_cost"],
        memory_cost_kib=cost["memory_cost_kib"],
        parallelism=cost["parallelism"],
    )


def recipient_key_create(*, password: str, receives_identity_seals: bool) -> RecipientKey:
    handle = tinkset.keyset_new(tinkset.HYBRID_TEMPLATE)
    salt = secrets.token_bytes(16)
    wrapping = tinkset.aead_from_raw_key(_password_key(password, salt))
    return RecipientKey.objects.create(
        kind=RecipientKey.Kind.STAFF,
        public_keyset=tinkset.public_keyset_to_json(handle),
        protected_private=tinkset.keyset_wrap(handle, wrapping, _PRIVATE_BINDING),
        kdf_salt=salt,
        receives_identity_seals=receives_identity_seals,
    )


def recipient_private_unlock(recipient: RecipientKey, *, password: str) -> tinkset.KeysetHandle:
    if recipient.protected_private is None or recipient.kdf_salt is None:
        raise DecryptionFailed("this recipient's private key is not held here")
    wrapping = tinkset.aead_from_raw_key(_password_key(password, bytes(recipient.kdf_salt)))
    try:
        return tinkset.keyset_unwrap(bytes(recipient.protected_private), wrapping, _PRIVATE_BINDING)
    except tinkset.TinkError as error:
        raise DecryptionFailed("wrong password for this private key") from error


def recipient_private_rewrap(recipient: RecipientKey, *, old_password: str, new_password: str) -> None:
    """On a password change the private key is re-encrypted; it stays the same key."""
    handle = recipient_private_unlock(recipient, password=old_password)
    salt = secrets.token_bytes(16)
    recipient.protected_private = tinkset.keyset_wrap(
        handle, tinkset.aead_from_raw_key(_password_key(new_password, salt)), _PRIVATE_BINDING
    )
    recipient.kdf_salt = salt
    recipient.save(update_fields=["protected_private", "kdf_salt"])
