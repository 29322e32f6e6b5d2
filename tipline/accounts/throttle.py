"""Slowing password guessing against staff accounts: failures are counted per account and per client (keyed
hash of the address) in the cache; enough failures lock the account for a while."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from tipline.vault.client_hash import client_address_hash


def _account_key(username: str) -> str:
    # The username is hashed like an address: the cache never holds staff names in the clear.
    return f"staff-signin-failures:{client_address_hash('user:' + username.lower())}"


def _client_key(client_key: str) -> str:
    return f"staff-signin-client-failures:{client_key}"


def signin_blocked(*, username: str, client_key: str) -> bool:
    return (
        int(cache.get(_account_key(username), 0)) >= settings.TIPLINE_STAFF_SIGNIN_FAILURES_ALLOWED
        or int(cache.get(_client_key(client_key), 0)) >= settings.TIPLINE_STAFF_SIGNIN_FAILURES_ALLOWED * 4
    )


def signin_failure_record(*, username: str, client_key: str) -> bool:
    """Counts a failure; True when this failure locked the account."""
    window = settings.TIPLINE_STAFF_LOCKOUT_SECONDS
    counts = []
    for key in (_account_key(username), _client_key(client_key)):
        if not cache.add(key, 1, timeout=window):
            try:
                cache.incr(key)
            except ValueError:
                cache.add(key, 1, timeout=window)
        counts.append(int(cache.get(key, 0)))
    return counts[0] == settings.TIPLINE_STAFF_SIGNIN_FAILURES_ALLOWED


def signin_failures_clear(*, username: str, client_key: str) -> None:
    """After a full sign-in: the account's count, and the connection's, start again (an office behind one address
    must not be locked out by its own typos)."""
    cache.delete_many([_account_key(username), _client_key(client_key)])
