"""Secrets of signed-in staff.

A staff member's unlocked private key (custodians, handlers with identity grants) lives only in the server-side
session, encrypted under a random secret that travels in a cookie of its own: neither the session store nor the
cookie alone opens it, and any web process holding both can serve the session (DESIGN.md section 4).

TOTP secrets are stored encrypted under the key file's `staff_secrets` key."""

from __future__ import annotations

import base64
import secrets

from tipline.vault import tinkset
from tipline.vault.envelope import DecryptionFailed
from tipline.vault.providers import loaded_keys

_SESSION_BINDING = b"tipline/staff-session-private-key"


def session_private_seal(private: tinkset.KeysetHandle) -> tuple[str, bytes]:
    """Returns (cookie secret, sealed private key for the session)."""
    secret = secrets.token_bytes(32)
    sealed = tinkset.keyset_wrap(private, tinkset.aead_from_raw_key(secret), _SESSION_BINDING)
    return base64.urlsafe_b64encode(secret).decode("ascii"), sealed


def session_private_open(cookie_secret: str, sealed: bytes) -> tinkset.KeysetHandle:
    try:
        secret = base64.urlsafe_b64decode(cookie_secret.encode("ascii"))
        return tinkset.keyset_unwrap(sealed, tinkset.aead_from_raw_key(secret), _SESSION_BINDING)
    except (ValueError, tinkset.TinkError) as error:
        raise DecryptionFailed("session key does not open") from error


def totp_secret_seal(secret: str, *, staff_id: int) -> bytes:
    return loaded_keys().staff_secrets.encrypt(secret.encode("ascii"), f"totp:{staff_id}".encode())


def totp_secret_open(sealed: bytes, *, staff_id: int) -> str:
    try:
        return loaded_keys().staff_secrets.decrypt(bytes(sealed), f"totp:{staff_id}".encode()).decode("ascii")
    except tinkset.TinkError as error:
        raise DecryptionFailed("TOTP secret does not open") from error
