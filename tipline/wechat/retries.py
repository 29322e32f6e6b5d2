"""Replays refused, retries answered once: the only state the WeChat channel keeps, in the cache, briefly.

WeChat resends a push it got no answer to within 5 seconds, up to three times, with the same MsgId (events: the
same sender and CreateTime). Each accepted push leaves two cache entries, both named by keyed hashes
(tipline.vault.wechat_crypto.wechat_cache_digest), so the cache never holds an OpenID or a message id:

- ``wechat:nonce:<hash of timestamp and nonce>`` holds the message's identity hash for as long as the
  timestamp would be accepted. The same timestamp and nonce arriving with a different message is a replay and
  is refused. Arriving with the same message it is WeChat resending the very same request, answered as a retry.
- ``wechat:message:<identity hash>`` holds the name of the reply given (an intent such as "help"), so a retry
  gets the same answer without the message being handled twice; "pending" while the first delivery is handled.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

from tipline.vault.wechat_crypto import wechat_cache_digest
from tipline.wechat.conf import FUTURE_SKEW_SECONDS, MAX_AGE_SECONDS
from tipline.wechat.intents import Intent
from tipline.wechat.protocol import Incoming

REPLAY_WINDOW_SECONDS = MAX_AGE_SECONDS + FUTURE_SKEW_SECONDS
RETRY_WINDOW_SECONDS = MAX_AGE_SECONDS
_PENDING = "pending"


class RequestReplayed(Exception):
    pass


@dataclass(frozen=True)
class Delivery:
    identity: str
    first: bool
    earlier_intent: Intent | None = None  # on a retry: what the first delivery was answered with, once known


def message_identity(message: Incoming) -> str:
    if message.msg_id:
        return wechat_cache_digest("message", message.account, message.msg_id)
    return wechat_cache_digest(
        "event", message.account, message.sender, str(message.create_time), message.event, message.event_key
    )


def _message_key(identity: str) -> str:
    return f"wechat:message:{identity}"


def delivery_check(*, timestamp: str, nonce: str, message: Incoming) -> Delivery:
    """Records the delivery; raises RequestReplayed when the timestamp and nonce came with another message."""
    identity = message_identity(message)
    nonce_key = "wechat:nonce:" + wechat_cache_digest("nonce", timestamp, nonce)
    if not cache.add(nonce_key, identity, REPLAY_WINDOW_SECONDS) and cache.get(nonce_key) != identity:
        raise RequestReplayed
    if cache.add(_message_key(identity), _PENDING, RETRY_WINDOW_SECONDS):
        return Delivery(identity=identity, first=True)
    earlier = cache.get(_message_key(identity))
    known = earlier in {intent.value for intent in Intent}
    return Delivery(identity=identity, first=False, earlier_intent=Intent(earlier) if known else None)


def delivery_answered(delivery: Delivery, intent: Intent) -> None:
    cache.set(_message_key(delivery.identity), intent.value, RETRY_WINDOW_SECONDS)


def delivery_failed(delivery: Delivery) -> None:
    """Forgets a delivery whose handling failed, so WeChat's retry is handled afresh."""
    cache.delete(_message_key(delivery.identity))
