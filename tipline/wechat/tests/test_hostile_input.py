"""Hostile or broken pushes get a short 4xx and change nothing: no audit row, no cache entry."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache

from tipline.audit.models import AuditEvent
from tipline.wechat.tests.conftest import ACCOUNT, OPENID, WeChatPeer, now_timestamp, text_xml

pytestmark = pytest.mark.django_db

XXE = (
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    f"<xml><ToUserName>{ACCOUNT}</ToUserName><FromUserName>{OPENID}</FromUserName><CreateTime>1</CreateTime>"
    "<MsgType>text</MsgType><Content>&e;</Content><MsgId>1</MsgId></xml>"
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + f"]><xml><ToUserName>{ACCOUNT}</ToUserName><FromUserName>{OPENID}</FromUserName><CreateTime>1</CreateTime>"
    "<MsgType>text</MsgType><Content>&lol9;</Content><MsgId>1</MsgId></xml>"
)
INTERNAL_ENTITY = (
    '<!DOCTYPE xml [<!ENTITY a "help">]>'
    f"<xml><ToUserName>{ACCOUNT}</ToUserName><FromUserName>{OPENID}</FromUserName><CreateTime>1</CreateTime>"
    "<MsgType>text</MsgType><Content>&a;</Content><MsgId>1</MsgId></xml>"
)


def _cache_entries() -> int:
    return len(cache._cache)  # type: ignore[attr-defined]  # the tests' LocMemCache


@pytest.fixture(autouse=True)
def _nothing_changes() -> Iterator[None]:
    yield
    assert _cache_entries() == 0
    assert AuditEvent.objects.count() == 0


def _refused(response: Any, status: int) -> None:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("text/plain")
    assert 0 < len(response.content) < 80
    assert b"root:" not in response.content and b"lol" not in response.content


@pytest.mark.parametrize("document", [XXE, BILLION_LAUGHS, INTERNAL_ENTITY], ids=["xxe", "laughs", "entity"])
def test_document_type_declarations_are_refused(peer: WeChatPeer, document: str) -> None:
    """In safe mode the hostile XML is what the encrypted envelope holds, signed properly."""
    _refused(peer.push(document), 400)


@pytest.mark.parametrize("document", [XXE, BILLION_LAUGHS], ids=["xxe", "laughs"])
def test_hostile_outer_envelope_in_safe_mode_is_refused(safe_peer: WeChatPeer, document: str) -> None:
    query, _body = safe_peer.request(text_xml("help"))
    _refused(safe_peer.post(query, document.encode()), 400)


def test_a_one_megabyte_body_is_refused_before_it_is_read(peer: WeChatPeer) -> None:
    query, _body = peer.request(text_xml("help"))
    body = b"<xml><Content>" + b"A" * (1024 * 1024) + b"</Content></xml>"
    _refused(peer.post(query, body), 413)


def test_a_body_just_over_the_limit_is_refused(peer: WeChatPeer) -> None:
    query, _body = peer.request(text_xml("help"))
    _refused(peer.post(query, b" " * (64 * 1024 + 1)), 413)


@pytest.mark.parametrize("content_type", ["text/html", "application/json", "text/xml; charset=gbk", ""])
def test_wrong_content_types_are_refused(peer: WeChatPeer, content_type: str) -> None:
    query, body = peer.request(text_xml("help"))
    _refused(peer.post(query, body, content_type=content_type), 415)


def test_application_xml_with_utf8_charset_is_accepted(peer: WeChatPeer) -> None:
    query, body = peer.request(text_xml("help"))
    assert peer.post(query, body, content_type="application/xml; charset=UTF-8").status_code == 200
    cache.clear()


def test_invalid_utf8_is_refused(plain_peer: WeChatPeer) -> None:
    body = text_xml("help").encode().replace(b"help", b"\xff\xfe\xc3\x28")
    query, _body = plain_peer.request(text_xml("help"))
    _refused(plain_peer.post(query, body), 400)


def test_invalid_utf8_inside_the_encrypted_envelope_is_refused(safe_peer: WeChatPeer) -> None:
    xml = text_xml("help")
    query, body = safe_peer.request(xml)
    # Encrypt bytes that are not UTF-8 with the real key: wechatpy's encrypt takes bytes as they are.
    from wechatpy.crypto import PrpCrypto

    from tipline.wechat.tests.conftest import signature_of

    sealed = PrpCrypto(safe_peer.crypto.key).encrypt(b"<xml>\xff\xfe</xml>", safe_peer.appid).decode()
    fields = dict(part.split("=", 1) for part in query.split("&"))
    fields["msg_signature"] = signature_of(safe_peer.token, fields["timestamp"], fields["nonce"], sealed)
    body = f"<xml><Encrypt><![CDATA[{sealed}]]></Encrypt></xml>".encode()
    _refused(safe_peer.post("&".join(f"{k}={v}" for k, v in fields.items()), body), 400)


@pytest.mark.parametrize(
    "document",
    [
        "<xml><ToUserName>gh</ToUserName>",
        "not xml at all",
        "<root><MsgType>text</MsgType></root>",
        "<xml><Content>\x01</Content></xml>",
    ],
    ids=["unclosed", "text", "wrong-root", "control-char"],
)
def test_malformed_xml_is_refused(peer: WeChatPeer, document: str) -> None:
    _refused(peer.push(document), 400)


def test_an_empty_body_is_refused(plain_peer: WeChatPeer) -> None:
    query, _body = plain_peer.request(text_xml("help"))
    response = plain_peer.post(query, b"")  # Django's test client sends no content type with an empty body
    _refused(response, response.status_code if response.status_code in {400, 415} else 400)


@pytest.mark.parametrize(
    "missing", ["ToUserName", "FromUserName", "CreateTime", "MsgType", "MsgId", "Content"]
)
def test_missing_fields_are_refused(peer: WeChatPeer, missing: str) -> None:
    xml = text_xml("help")
    start = xml.index(f"<{missing}>")
    end = xml.index(f"</{missing}>") + len(missing) + 3
    _refused(peer.push(xml[:start] + xml[end:]), 400)


def test_an_event_without_its_event_name_is_refused(peer: WeChatPeer) -> None:
    xml = (
        f"<xml><ToUserName>{ACCOUNT}</ToUserName><FromUserName>{OPENID}</FromUserName>"
        f"<CreateTime>1</CreateTime><MsgType>event</MsgType></xml>"
    )
    _refused(peer.push(xml), 400)


def test_a_stale_timestamp_is_refused(peer: WeChatPeer) -> None:
    response = peer.push(text_xml("help"), timestamp=str(int(now_timestamp()) - 301))
    _refused(response, 403)
    assert response.content == b"stale timestamp"


def test_a_timestamp_in_the_future_is_refused(peer: WeChatPeer) -> None:
    _refused(peer.push(text_xml("help"), timestamp=str(int(now_timestamp()) + 600)), 403)


def test_a_replayed_nonce_is_refused(peer: WeChatPeer) -> None:
    timestamp, nonce = now_timestamp(), str(secrets.randbelow(10**9))
    assert peer.push(text_xml("help", msg_id="10"), timestamp=timestamp, nonce=nonce).status_code == 200
    entries = _cache_entries()
    _refused(peer.push(text_xml("contact", msg_id="11"), timestamp=timestamp, nonce=nonce), 403)
    assert _cache_entries() == entries  # the refusal added nothing
    cache.clear()


@pytest.mark.parametrize(
    "query",
    [
        "timestamp=1&nonce=1",
        "signature=zz&timestamp=1&nonce=1",
        "signature=" + "0" * 40 + "&timestamp=abc&nonce=1",
        "signature=" + "0" * 40 + "&timestamp=1&nonce=%00",
    ],
)
def test_malformed_query_parameters_are_refused(peer: WeChatPeer, query: str) -> None:
    _refused(peer.post(query, text_xml("help").encode()), 400)


def test_an_unknown_encrypt_type_is_refused(plain_peer: WeChatPeer) -> None:
    query, body = plain_peer.request(text_xml("help"))
    _refused(plain_peer.post(query + "&encrypt_type=rot13", body), 400)


def test_undecryptable_ciphertext_is_refused(safe_peer: WeChatPeer) -> None:
    from tipline.wechat.tests.conftest import signature_of

    query, _body = safe_peer.request(text_xml("help"))
    fields = dict(part.split("=", 1) for part in query.split("&"))
    for sealed in ("bm90IGEgbXVsdGlwbGUgb2YgMTY=", "!!!not-base64!!!", "A" * 64):
        fields["msg_signature"] = signature_of(safe_peer.token, fields["timestamp"], fields["nonce"], sealed)
        body = f"<xml><Encrypt><![CDATA[{sealed}]]></Encrypt></xml>".encode()
        _refused(safe_peer.post("&".join(f"{k}={v}" for k, v in fields.items()), body), 400)
