"""Slowing receipt-code guessing without tracking anyone: wrong codes are counted per client under a short-lived
keyed hash of its address (see tipline.client_privacy), and attempts on one code under a keyed hash of the code,
in the cache only. The per-code limit holds a code against guessing spread over many connections."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from tipline.vault.client_hash import client_address_hash


def _key(client_key: str) -> str:
    return f"receipt-failures:{client_key}"


def receipt_attempts_exhausted(client_key: str) -> bool:
    return int(cache.get(_key(client_key), 0)) >= settings.TIPLINE_RECEIPT_FAILURES_ALLOWED


def receipt_failure_record(client_key: str) -> None:
    key = _key(client_key)
    if cache.add(key, 1, timeout=settings.TIPLINE_RECEIPT_FAILURE_WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=settings.TIPLINE_RECEIPT_FAILURE_WINDOW_SECONDS)


CODE_ATTEMPTS_PER_HOUR = 10


def receipt_code_attempt_allowed(code: str) -> bool:
    """Counts an attempt on this code; False once it was tried too often this hour (from anywhere)."""
    key = f"receipt-code-attempts:{client_address_hash('code:' + code)}"
    if cache.add(key, 1, timeout=3600):
        return True
    try:
        return int(cache.incr(key)) <= CODE_ATTEMPTS_PER_HOUR
    except ValueError:
        return cache.add(key, 1, timeout=3600)
