"""WeChat's XML: reading pushes and writing passive replies.

Pushes are parsed with defusedxml with document type declarations forbidden outright (WeChat never sends one),
so external entities and entity expansion ("billion laughs") are refused before anything is resolved. Only the
flat fields directly under <xml> are read. Replies are written by hand in WeChat's own CDATA style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

MAX_BODY_BYTES = 64 * 1024
MAX_ELEMENTS = 200
MAX_FIELD_CHARS = 8 * 1024

# Characters XML 1.0 does not allow; editors' text could hold them and WeChat would reject the whole reply.
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class MalformedMessage(ValueError):
    """The body is not a WeChat push we can read. The text is a short reason for the log and the reply."""


@dataclass(frozen=True)
class Incoming:
    """One push from WeChat. ``sender`` is the user's OpenID: it is used for the reply envelope and, hashed
    with a key, for de-duplication, and never stored or logged."""

    account: str  # ToUserName: the Official Account's original id (gh_...)
    sender: str = ""  # FromUserName: the user's OpenID
    create_time: int = 0
    msg_type: str = ""
    content: str = ""
    msg_id: str = ""
    event: str = ""
    event_key: str = ""

    @property
    def is_event(self) -> bool:
        return self.msg_type == "event"


def xml_fields(body: bytes) -> dict[str, str]:
    """The text of each element directly under the root <xml>, from UTF-8 bytes."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedMessage("body is not UTF-8") from None
    try:
        root = fromstring(text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise MalformedMessage("XML declarations and entities are not accepted") from None
    except (ParseError, ValueError):
        raise MalformedMessage("malformed XML") from None
    if root.tag != "xml":
        raise MalformedMessage("root element is not <xml>")
    fields: dict[str, str] = {}
    if sum(1 for _ in root.iter()) > MAX_ELEMENTS:
        raise MalformedMessage("too many elements")
    for element in root:
        value = (element.text or "").strip()
        if len(value) > MAX_FIELD_CHARS:
            raise MalformedMessage("field too long")
        fields.setdefault(str(element.tag), value)
    return fields


def _required(fields: dict[str, str], name: str) -> str:
    value = fields.get(name, "")
    if not value:
        raise MalformedMessage(f"missing {name}")
    return value


def incoming_from_fields(fields: dict[str, str]) -> Incoming:
    msg_type = _required(fields, "MsgType")
    create_time = _required(fields, "CreateTime")
    if not create_time.isascii() or not create_time.isdigit() or len(create_time) > 12:
        raise MalformedMessage("CreateTime is not a number")
    message = Incoming(
        account=_required(fields, "ToUserName"),
        sender=_required(fields, "FromUserName"),
        create_time=int(create_time),
        msg_type=msg_type,
        content=fields.get("Content", ""),
        msg_id=fields.get("MsgId", ""),
        event=fields.get("Event", ""),
        event_key=fields.get("EventKey", ""),
    )
    if message.is_event:
        _required(fields, "Event")
    else:
        msg_id = _required(fields, "MsgId")
        if not msg_id.isascii() or not msg_id.isdigit():
            raise MalformedMessage("MsgId is not a number")
        if msg_type == "text":
            _required(fields, "Content")
    return message


# --- replies ----------------------------------------------------------------------------------------------------


def _cdata(value: str) -> str:
    value = _NOT_XML.sub("", value)
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


@dataclass(frozen=True)
class Article:
    title: str
    description: str
    url: str
    picture_url: str = ""


def _envelope(message: Incoming, created: int, msg_type: str) -> str:
    return (
        f"<ToUserName>{_cdata(message.sender)}</ToUserName>"
        f"<FromUserName>{_cdata(message.account)}</FromUserName>"
        f"<CreateTime>{created}</CreateTime>"
        f"<MsgType>{_cdata(msg_type)}</MsgType>"
    )


def text_reply_xml(message: Incoming, *, created: int, text: str) -> str:
    return f"<xml>{_envelope(message, created, 'text')}<Content>{_cdata(text)}</Content></xml>"


def news_reply_xml(message: Incoming, *, created: int, articles: list[Article]) -> str:
    items = "".join(
        "<item>"
        f"<Title>{_cdata(article.title)}</Title>"
        f"<Description>{_cdata(article.description)}</Description>"
        f"<PicUrl>{_cdata(article.picture_url)}</PicUrl>"
        f"<Url>{_cdata(article.url)}</Url>"
        "</item>"
        for article in articles
    )
    return (
        f"<xml>{_envelope(message, created, 'news')}"
        f"<ArticleCount>{len(articles)}</ArticleCount><Articles>{items}</Articles></xml>"
    )


def encrypted_reply_xml(*, encrypted: str, signature: str, timestamp: int, nonce: str) -> str:
    return (
        f"<xml><Encrypt>{_cdata(encrypted)}</Encrypt><MsgSignature>{_cdata(signature)}</MsgSignature>"
        f"<TimeStamp>{timestamp}</TimeStamp><Nonce>{_cdata(nonce)}</Nonce></xml>"
    )
