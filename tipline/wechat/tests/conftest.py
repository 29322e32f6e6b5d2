"""An independent WeChat peer for the tests: wechatpy signs and encrypts the pushes as WeChat's servers do, and
verifies and decrypts Tipline's replies."""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pytest
import xmltodict
from django.http import HttpResponse
from django.test import Client
from wechatpy.crypto import WeChatCrypto
from wechatpy.replies import ArticlesReply, BaseReply, deserialize_reply
from wechatpy.utils import WeChatSigner

from tipline import clock
from tipline.publications.models import Notice

ACCOUNT = "gh_0123456789ab"
OPENID = "oTiplineTestOpenId_x7Q2mZk9vR4sW1"


def aes_key_new() -> str:
    """A random EncodingAESKey: 43 base64 characters for 32 bytes."""
    return base64.b64encode(secrets.token_bytes(32)).decode("ascii")[:43]


def signature_of(*parts: str) -> str:
    signer = WeChatSigner()
    signer.add_data(*parts)
    return str(signer.signature)


def now_timestamp() -> str:
    return str(int(clock.now().timestamp()))


def text_xml(content: str, *, msg_id: str = "24000000000000001", sender: str = OPENID) -> str:
    return (
        f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName><FromUserName><![CDATA[{sender}]]></FromUserName>"
        f"<CreateTime>{now_timestamp()}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId></xml>"
    )


def event_xml(
    event: str, key: str | None = None, *, create_time: str | None = None, sender: str = OPENID
) -> str:
    key_xml = "" if key is None else f"<EventKey><![CDATA[{key}]]></EventKey>"
    return (
        f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName><FromUserName><![CDATA[{sender}]]></FromUserName>"
        f"<CreateTime>{create_time or now_timestamp()}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        f"<Event><![CDATA[{event}]]></Event>{key_xml}</xml>"
    )


def media_xml(msg_type: str, *, msg_id: str = "24000000000000002") -> str:
    return (
        f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName><FromUserName><![CDATA[{OPENID}]]></FromUserName>"
        f"<CreateTime>{now_timestamp()}</CreateTime><MsgType><![CDATA[{msg_type}]]></MsgType>"
        f"<PicUrl><![CDATA[http://mmbiz.example/x]]></PicUrl><MediaId><![CDATA[m1]]></MediaId>"
        f"<MsgId>{msg_id}</MsgId></xml>"
    )


@dataclass
class WeChatPeer:
    """What WeChat's servers do: sign (and in safe mode encrypt) a push, post it, and read the reply."""

    client: Client
    token: str
    aes_key: str
    appid: str
    safe: bool
    crypto: WeChatCrypto = field(init=False)

    def __post_init__(self) -> None:
        self.crypto = WeChatCrypto(self.token, self.aes_key, self.appid)

    def request(
        self,
        xml: str,
        *,
        timestamp: str | None = None,
        nonce: str | None = None,
        crypto: WeChatCrypto | None = None,
    ) -> tuple[str, bytes]:
        """The query string and body of a push, signed as WeChat signs it."""
        timestamp = timestamp or now_timestamp()
        nonce = nonce or str(secrets.randbelow(10**10))
        query = {
            "signature": signature_of(self.token, timestamp, nonce),
            "timestamp": timestamp,
            "nonce": nonce,
            "openid": OPENID,
        }
        if not self.safe:
            return urlencode(query), xml.encode("utf-8")
        sealed = xmltodict.parse((crypto or self.crypto).encrypt_message(xml, nonce, timestamp))["xml"]
        query.update(encrypt_type="aes", msg_signature=sealed["MsgSignature"])
        body = (
            f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName>"
            f"<Encrypt><![CDATA[{sealed['Encrypt']}]]></Encrypt></xml>"
        )
        return urlencode(query), body.encode("utf-8")

    def post(self, query: str, body: bytes, content_type: str = "text/xml") -> HttpResponse:
        return self.client.post(f"/wechat/?{query}", data=body, content_type=content_type)

    def push(self, xml: str, **kwargs: Any) -> HttpResponse:
        return self.post(*self.request(xml, **kwargs))

    def reply(self, response: HttpResponse) -> BaseReply:
        """The reply as WeChat reads it: verified and decrypted in safe mode."""
        assert response.status_code == 200, response.content
        body = response.content.decode("utf-8")
        if self.safe and body != "success":
            envelope = xmltodict.parse(body)["xml"]
            body = self.crypto.decrypt_message(
                body, envelope["MsgSignature"], envelope["TimeStamp"], envelope["Nonce"]
            )
        if body == "success":
            return deserialize_reply("")
        fields = xmltodict.parse(body, force_list=("item",))["xml"]
        if fields["MsgType"] == "news":
            # wechatpy 1.8.18's deserialize_reply cannot read a news reply holding one article (xmltodict gives
            # a dict, not a list); read the cards the same way, with the list forced.
            articles = [
                {"title": i["Title"], "description": i["Description"], "image": i["PicUrl"], "url": i["Url"]}
                for i in fields["Articles"]["item"]
            ]
            assert int(fields["ArticleCount"]) == len(articles)
            return ArticlesReply(
                target=fields["ToUserName"], source=fields["FromUserName"], articles=articles
            )
        return deserialize_reply(body)


@pytest.fixture
def wechat_keys(settings: Any) -> dict[str, str]:
    keys = {
        "token": secrets.token_urlsafe(24),
        "aes_key": aes_key_new(),
        "appid": "wx" + secrets.token_hex(8),
    }
    settings.TIPLINE_WECHAT_TOKEN = keys["token"]
    settings.TIPLINE_WECHAT_AES_KEY = keys["aes_key"]
    settings.TIPLINE_WECHAT_APPID = keys["appid"]
    settings.TIPLINE_PUBLIC_BASE_URL = "https://tipline.example.org"
    return keys


@pytest.fixture
def safe_peer(wechat_keys: dict[str, str], client: Client) -> WeChatPeer:
    return WeChatPeer(client, wechat_keys["token"], wechat_keys["aes_key"], wechat_keys["appid"], safe=True)


@pytest.fixture
def plain_peer(wechat_keys: dict[str, str], client: Client, settings: Any) -> WeChatPeer:
    settings.TIPLINE_WECHAT_AES_KEY = ""  # plain mode: the account's server settings have no EncodingAESKey
    return WeChatPeer(client, wechat_keys["token"], wechat_keys["aes_key"], wechat_keys["appid"], safe=False)


@pytest.fixture(params=["plain", "safe"])
def peer(request: pytest.FixtureRequest) -> WeChatPeer:
    peer: WeChatPeer = request.getfixturevalue(f"{request.param}_peer")
    return peer


def notice_make(slug: str, *, days_ago: int = 1, **fields: Any) -> Notice:
    import datetime as dt

    values = {
        "title_zh": f"公告{slug}",
        "title_en": f"Notice {slug}",
        "summary_zh": f"摘要{slug}",
        "summary_en": f"Summary {slug}",
        "body_zh": "正文",
        "body_en": "Text",
        "published_at": clock.now() - dt.timedelta(days=days_ago),
    }
    values.update(fields)
    return Notice.objects.create(slug=slug, **values)
