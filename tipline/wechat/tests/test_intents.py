from __future__ import annotations

import pytest

from tipline.wechat.intents import Intent, contains_receipt_code, event_intent, text_intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("举报", Intent.REPORT),
        (" 我要举报！", Intent.REPORT),
        ("Report", Intent.REPORT),
        ("查询", Intent.STATUS),
        ("ＳＴＡＴＵＳ", Intent.STATUS),
        ("公告", Intent.NOTICES),
        ("notices", Intent.NOTICES),
        ("联系", Intent.CONTACT),
        ("contact", Intent.CONTACT),
        ("帮助", Intent.HELP),
        ("?", Intent.HELP),
        ("有人在拍军港，我要举报", Intent.GUIDANCE),
        ("report a spy near the base", Intent.GUIDANCE),
    ],
)
def test_keywords(text: str, intent: Intent) -> None:
    assert text_intent(text) is intent


@pytest.mark.parametrize(
    "text",
    [
        "4821093755128806",
        "4821 0937 5512 8806",
        "查询 4821-0937-5512-8806 谢谢",
        "４８２１０９３７５５１２８８０６",
    ],
)
def test_receipt_codes_are_recognised(text: str) -> None:
    assert contains_receipt_code(text)
    assert text_intent(text) is Intent.RECEIPT_IN_CHAT


@pytest.mark.parametrize("text", ["13812345678", "110101199003074514", "1234 5678", "48210937551288061"])
def test_other_numbers_are_not_receipt_codes(text: str) -> None:
    assert not contains_receipt_code(text)


def test_events() -> None:
    assert event_intent("subscribe", "qrscene_123") is Intent.WELCOME
    assert event_intent("CLICK", "TIPLINE_NOTICES") is Intent.NOTICES
    assert event_intent("VIEW", "https://x/") is Intent.NOTHING
    assert event_intent("unsubscribe", "") is Intent.NOTHING
