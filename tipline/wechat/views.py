"""The Official Account server at /wechat/: WeChat's URL check (GET) and pushed messages (POST).

Every request is checked before anything is read into memory or parsed, in this order: size, content type,
query parameters, signature, freshness; then the body (plain or "safe mode" AES, whose msg_signature is checked
before decryption); then replays. A refusal is a 4xx with a short text and changes nothing.

The handler does no slow work, so it answers well inside WeChat's 5-second limit: no KDF, no network, no write
to the database; one SHA-1 and at most one AES operation each way, two cache entries, and one indexed query for
the latest notices. Nothing about the sender is kept: the OpenID is used for the reply envelope and, under a
keyed hash, for de-duplication in the cache; logs name only the message type and the outcome.
"""

from __future__ import annotations

import logging
import re

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.views.decorators.csrf import csrf_exempt

from tipline import clock
from tipline.vault.wechat_crypto import (
    WeChatCryptoError,
    WeChatWrongAppId,
    wechat_decrypt,
    wechat_encrypt,
    wechat_nonce,
    wechat_signature,
    wechat_signature_valid,
)
from tipline.wechat.conf import FUTURE_SKEW_SECONDS, MAX_AGE_SECONDS, WeChatSettings, wechat_settings
from tipline.wechat.intents import Intent, message_intent, message_kind
from tipline.wechat.protocol import (
    MAX_BODY_BYTES,
    Incoming,
    MalformedMessage,
    encrypted_reply_xml,
    incoming_from_fields,
    news_reply_xml,
    text_reply_xml,
    xml_fields,
)
from tipline.wechat.replies import Reply, reply_for
from tipline.wechat.retries import RequestReplayed, delivery_answered, delivery_check, delivery_failed

logger = logging.getLogger("tipline.wechat")

TEXT = "text/plain; charset=utf-8"
XML = "application/xml; charset=utf-8"
_XML_TYPES = {"text/xml", "application/xml"}
_SIGNATURE = re.compile(r"[0-9a-f]{40}")
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_NONCE = re.compile(r"[A-Za-z0-9_-]{1,64}")
_ECHOSTR = re.compile(r"[A-Za-z0-9+/=_-]{1,1024}")


class Refused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def _param(request: HttpRequest, name: str, pattern: re.Pattern[str]) -> str:
    value = request.GET.get(name, "")
    if not pattern.fullmatch(value):
        raise Refused(400, f"missing or malformed {name}")
    return value


def _signed_and_fresh(request: HttpRequest, config: WeChatSettings) -> tuple[str, str]:
    signature = _param(request, "signature", _SIGNATURE)
    timestamp = _param(request, "timestamp", _TIMESTAMP)
    nonce = _param(request, "nonce", _NONCE)
    if not wechat_signature_valid(config.token, signature, timestamp, nonce):
        raise Refused(403, "invalid signature")
    _check_fresh(timestamp)
    return timestamp, nonce


def _check_fresh(timestamp: str) -> None:
    now = int(clock.now().timestamp())
    sent = int(timestamp)
    if sent < now - MAX_AGE_SECONDS:
        raise Refused(403, "stale timestamp")
    if sent > now + FUTURE_SKEW_SECONDS:
        raise Refused(403, "timestamp in the future")


@csrf_exempt  # WeChat's servers post without a CSRF token; the signature authenticates them
def callback(request: HttpRequest) -> HttpResponse:
    try:
        config = wechat_settings()
    except ImproperlyConfigured as error:
        logger.error("wechat misconfigured: %s", error)
        return HttpResponse("not configured", status=503, content_type=TEXT)
    if config is None:
        return HttpResponse("not found", status=404, content_type=TEXT)
    if request.method not in {"GET", "POST"}:
        return HttpResponseNotAllowed(["GET", "POST"], content_type=TEXT)
    try:
        if request.method == "GET":
            return _url_check(request, config)
        return _message(request, config)
    except Refused as refusal:
        logger.warning("wechat refused status=%s reason=%s", refusal.status, refusal.reason)
        return HttpResponse(refusal.reason, status=refusal.status, content_type=TEXT)


def _url_check(request: HttpRequest, config: WeChatSettings) -> HttpResponse:
    """WeChat checks the server address by sending echostr, signed, and expects it back. An Official Account
    sends it in the clear in every mode; an encrypted echostr (with msg_signature) is opened when a key is set."""
    echostr = _param(request, "echostr", _ECHOSTR)
    if "msg_signature" in request.GET and config.aes_key is not None:
        msg_signature = _param(request, "msg_signature", _SIGNATURE)
        timestamp = _param(request, "timestamp", _TIMESTAMP)
        nonce = _param(request, "nonce", _NONCE)
        if not wechat_signature_valid(config.token, msg_signature, timestamp, nonce, echostr):
            raise Refused(403, "invalid signature")
        _check_fresh(timestamp)
        echo = _opened(config.aes_key, echostr, appid=config.appid)
    else:
        _signed_and_fresh(request, config)
        echo = echostr.encode("ascii")
    logger.info("wechat url check outcome=ok")
    return HttpResponse(echo, content_type=TEXT)


def _opened(key: bytes, encrypted: str, *, appid: str) -> bytes:
    try:
        return wechat_decrypt(key, encrypted, appid=appid)
    except WeChatWrongAppId:
        raise Refused(403, "wrong app id") from None
    except WeChatCryptoError:
        raise Refused(400, "cannot decrypt") from None


def _check_envelope(request: HttpRequest) -> None:
    """Size and content type, from the headers, before the body is read."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise Refused(400, "malformed content length") from None
    if length > MAX_BODY_BYTES:
        raise Refused(413, "body too large")
    if request.content_type not in _XML_TYPES:
        raise Refused(415, "content type must be text/xml")
    charset = (request.content_params or {}).get("charset", "utf-8").lower()
    if charset not in {"utf-8", "utf8"}:
        raise Refused(415, "charset must be utf-8")


def _message(request: HttpRequest, config: WeChatSettings) -> HttpResponse:
    _check_envelope(request)
    timestamp, nonce = _signed_and_fresh(request, config)
    encrypt_type = request.GET.get("encrypt_type", "raw").lower()
    if encrypt_type not in {"raw", "aes"}:
        raise Refused(400, "unknown encrypt_type")
    encrypted = encrypt_type == "aes"
    key = config.aes_key
    if encrypted and key is None:
        raise Refused(400, "safe mode is not configured")
    if not encrypted and not config.allow_plain:
        raise Refused(403, "plain messages are not accepted")
    msg_signature = _param(request, "msg_signature", _SIGNATURE) if encrypted else ""

    body = request.read(MAX_BODY_BYTES + 1)
    if len(body) > MAX_BODY_BYTES:
        raise Refused(413, "body too large")
    try:
        fields = xml_fields(body)
        if key is not None and encrypted:
            sealed = fields.get("Encrypt", "")
            if not sealed:
                raise MalformedMessage("missing Encrypt")
            if not wechat_signature_valid(config.token, msg_signature, timestamp, nonce, sealed):
                raise Refused(403, "invalid msg_signature")
            fields = xml_fields(_opened(key, sealed, appid=config.appid))
        message = incoming_from_fields(fields)
    except MalformedMessage as problem:
        raise Refused(400, str(problem)) from None

    try:
        delivery = delivery_check(timestamp=timestamp, nonce=nonce, message=message)
    except RequestReplayed:
        raise Refused(403, "replayed request") from None
    # A retry is answered as the first delivery was; while that is still being handled, with "success".
    intent = message_intent(message) if delivery.first else (delivery.earlier_intent or Intent.NOTHING)
    try:
        reply = reply_for(intent, to_event=message.is_event)
    except Exception:
        if delivery.first:
            delivery_failed(delivery)
        raise
    if delivery.first:
        delivery_answered(delivery, intent)
    logger.info(
        "wechat message type=%s outcome=%s mode=%s delivery=%s",
        message_kind(message),
        intent.value,
        "aes" if encrypted else "plain",
        "first" if delivery.first else "retry",
    )
    return _respond(reply, message, config, encrypted=encrypted)


def _respond(reply: Reply, message: Incoming, config: WeChatSettings, *, encrypted: bool) -> HttpResponse:
    if reply.empty:
        return HttpResponse("success", content_type=TEXT)
    now = int(clock.now().timestamp())
    if reply.articles:
        xml = news_reply_xml(message, created=now, articles=list(reply.articles))
    else:
        xml = text_reply_xml(message, created=now, text=reply.text)
    if encrypted and config.aes_key is not None:
        sealed = wechat_encrypt(config.aes_key, xml.encode("utf-8"), appid=config.appid)
        nonce = wechat_nonce()
        xml = encrypted_reply_xml(
            encrypted=sealed,
            signature=wechat_signature(config.token, str(now), nonce, sealed),
            timestamp=now,
            nonce=nonce,
        )
    return HttpResponse(xml.encode("utf-8"), content_type=XML)
