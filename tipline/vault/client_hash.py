"""Keyed, short-lived hashes of client addresses, for rate limits only. The window number is hashed in, so the
same address gives an unrelated value in the next window; the values live only in the cache."""

from __future__ import annotations

import time

from tipline.vault.providers import loaded_keys

WINDOW_SECONDS = 3600


def client_address_hash(address: str, *, now: float | None = None) -> str:
    window = int((time.time() if now is None else now) // WINDOW_SECONDS)
    digest = loaded_keys().client_hash.primary().compute(f"{window}\x00{address}".encode(), 16)
    return digest.hex()
