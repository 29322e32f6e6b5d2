"""What a push from WeChat asks for: a keyword, a menu button, a subscription, or anything else.

Nothing here reads the database or stores anything: the message content is looked at in memory to pick a reply,
then dropped. A receipt code sent in chat is recognised only to warn the sender; it is never looked up.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from tipline.wechat.protocol import Incoming


class Intent(StrEnum):
    WELCOME = "welcome"
    HELP = "help"
    REPORT = "report"
    STATUS = "status"
    RECEIPT_IN_CHAT = "receipt_in_chat"
    NOTICES = "notices"
    CONTACT = "contact"
    MEDIA = "media"
    GUIDANCE = "guidance"
    NOTHING = "nothing"


# Keys of the CLICK buttons (tipline.wechat.menu). The menu uses NOTICES and HELP; the others serve a menu an
# operator edits by hand.
MENU_KEYS = {
    "TIPLINE_NOTICES": Intent.NOTICES,
    "TIPLINE_HELP": Intent.HELP,
    "TIPLINE_REPORT": Intent.REPORT,
    "TIPLINE_STATUS": Intent.STATUS,
    "TIPLINE_CONTACT": Intent.CONTACT,
}

# Keywords in both languages, compared after normalising (NFKC, case-folded, without spaces and punctuation).
KEYWORDS: dict[Intent, frozenset[str]] = {
    Intent.REPORT: frozenset({"举报", "我要举报", "在线举报", "report", "reporting"}),
    Intent.STATUS: frozenset(
        {"查询", "查询进度", "进度", "回执", "回执码", "status", "receipt", "check", "followup"}
    ),
    Intent.NOTICES: frozenset({"公告", "通知", "通知公告", "最新公告", "notices", "notice", "news"}),
    Intent.CONTACT: frozenset({"联系", "联系方式", "联系我们", "电话", "contact", "contacts", "phone"}),
    Intent.HELP: frozenset({"帮助", "菜单", "你好", "您好", "help", "menu", "hi", "hello", "start"}),
}
_KEYWORD_INTENT = {word: intent for intent, words in KEYWORDS.items() for word in words}

# Sixteen digits, possibly grouped (receipt codes are shown as 4x4 groups), not part of a longer number.
_RECEIPT_LIKE = re.compile(r"(?<!\d)\d(?:[\s\-_.·]{0,3}\d){15}(?!\d)")

_MEDIA_TYPES = frozenset({"image", "voice", "video", "shortvideo", "file", "location", "link"})
# Event names as WeChat spells them, looked up case-insensitively. Logs name only these (the type is chosen by
# the sender); anything else is logged as "other".
_EVENT_NAMES = {
    name.lower(): name
    for name in (
        "subscribe",
        "unsubscribe",
        "CLICK",
        "VIEW",
        "SCAN",
        "LOCATION",
        "PUBLISHJOBFINISH",
        "MASSSENDJOBFINISH",
        "TEMPLATESENDJOBFINISH",
    )
}


def _normalised(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in {"L", "N"})


def contains_receipt_code(text: str) -> bool:
    return _RECEIPT_LIKE.search(unicodedata.normalize("NFKC", text)) is not None


def text_intent(text: str) -> Intent:
    if contains_receipt_code(text):
        return Intent.RECEIPT_IN_CHAT
    word = _normalised(text)
    if not word:
        return Intent.HELP
    return _KEYWORD_INTENT.get(word, Intent.GUIDANCE)


def event_intent(event: str, key: str) -> Intent:
    kind = event.lower()
    if kind == "subscribe":
        return Intent.WELCOME
    if kind == "click":
        return MENU_KEYS.get(key, Intent.HELP)
    # VIEW opens a page in WeChat's browser (a reply would not be shown); unsubscribe, SCAN, LOCATION and the
    # job reports need no answer.
    return Intent.NOTHING


def message_intent(message: Incoming) -> Intent:
    if message.is_event:
        return event_intent(message.event, message.event_key)
    if message.msg_type == "text":
        return text_intent(message.content)
    if message.msg_type in _MEDIA_TYPES:
        return Intent.MEDIA
    return Intent.GUIDANCE


def message_kind(message: Incoming) -> str:
    """The message's type for the log: a fixed vocabulary, never the content or a key."""
    if message.is_event:
        return "event:" + _EVENT_NAMES.get(message.event.lower(), "other")
    return message.msg_type if message.msg_type in _MEDIA_TYPES | {"text"} else "other"
