"""Housekeeping without a scheduler: work that must happen now and then (forgetting expired idempotency
tokens) is queued by the activity that creates it, at most once per interval across all processes sharing the
cache."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache


def enqueue_at_most_every(task: Any, *, seconds: int) -> None:
    if cache.add(f"periodic:{task.module_path}", True, timeout=seconds):
        task.enqueue()
