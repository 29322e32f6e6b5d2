"""Digests for integrity: the audit log's keyed hash chain, and plain SHA-256 for telling content apart. Kept in
the vault with every other primitive.

The chain is keyed (an HMAC-SHA256 PRF from the key file's `audit_chain` keyset) because a plain hash chain
protects nothing against the threat it exists for: someone who can write to the database can drop the
append-only triggers, edit an event and recompute every later hash. Without the key they cannot. Each link
records the id of the key that made it, so a rotated key still verifies the events it sealed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from tink.prf import Prf

from tipline.vault.providers import loaded_keys

GENESIS = bytes(32)
CHAIN_DIGEST_SIZE = 32
_CHAIN_CONTEXT = b"tipline/audit/v2\x00"
_UNKEYED_CHAIN_CONTEXT = b"tipline/audit/v1\x00"


@dataclass(frozen=True)
class ChainLink:
    """One link of the audit chain: the digest and the id of the `audit_chain` key that computed it."""

    key_id: int
    digest: bytes


def chain_digest(previous: bytes, record: bytes) -> ChainLink:
    """The next link of the audit chain, under the primary `audit_chain` key."""
    prfs = loaded_keys().audit_chain
    return ChainLink(key_id=prfs.primary_id(), digest=_chain_prf(prfs.primary(), previous, record))


class ChainDigester:
    """Recomputes links under every `audit_chain` key, old and new, from one reading of the key file (a verifier
    walks the whole chain with it)."""

    def __init__(self) -> None:
        self._prfs = dict(loaded_keys().audit_chain.all())

    def digest(self, key_id: int | None, previous: bytes, record: bytes) -> bytes | None:
        """The link under key `key_id`, or None when the key file holds no such key."""
        prf = self._prfs.get(key_id) if key_id is not None else None
        return None if prf is None else _chain_prf(prf, previous, record)


def chain_digest_unkeyed(previous: bytes, record: bytes) -> bytes:
    """The chain's first, unkeyed form. Only migration audit.0003 uses it, to check a log made before the chain
    was keyed (and tests, to play an attacker who recomputes hashes without the key)."""
    return hashlib.sha256(_UNKEYED_CHAIN_CONTEXT + previous + record).digest()


def _chain_prf(prf: Prf, previous: bytes, record: bytes) -> bytes:
    return prf.compute(_CHAIN_CONTEXT + previous + record, CHAIN_DIGEST_SIZE)


def content_digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


class StreamDigest:
    """SHA-256 over bytes that arrive in pieces (an upload), for telling a retry from a different submission."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()

    def update(self, data: bytes) -> None:
        self._hash.update(data)

    def digest(self) -> bytes:
        return self._hash.digest()
