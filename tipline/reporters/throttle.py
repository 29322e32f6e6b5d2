"""Slowing receipt-code guessing without tracking anyone: wrong codes are counted per client under a short-lived
keyed hash of its address (see tipline.client_privacy), in the cache only."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache


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
