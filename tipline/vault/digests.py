"""Unkeyed digests for integrity chains (the audit log). Kept in the vault with every other primitive."""

from __future__ import annotations

import hashlib

GENESIS = bytes(32)


def chain_digest(previous: bytes, record: bytes) -> bytes:
    return hashlib.sha256(b"tipline/audit/v1\x00" + previous + record).digest()


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
