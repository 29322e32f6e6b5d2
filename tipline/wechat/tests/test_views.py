"""The callback server as WeChat sees it, with wechatpy standing in for WeChat's servers."""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest
from django.test import Client
from wechatpy.crypto import PrpCrypto, WeChatCrypto
from wechatpy.replies import ArticlesReply, EmptyReply, TextReply

from tipline.wechat.tests.conftest import (
    ACCOUNT,
    OPENID,
    WeChatPeer,
    event_xml,
    media_xml,
    notice_make,
    now_timestamp,
    signature_of,
    text_xml,
)

BASE = "https://tipline.example.org"
pytestmark = pytest.mark.django_db


def _text(peer: WeChatPeer, response: Any) -> str:
    reply = peer.reply(response)
    assert isinstance(reply, TextReply), reply
    assert reply.target == OPENID and reply.source == ACCOUNT
    return str(reply.content)


def _chinese_then_english(text: str, chinese: str, english: str) -> None:
    assert chinese in text and english in text
    assert text.index(chinese) < text.index(english)


# --- URL check --------------------------------------------------------------------------------------------------


def test_url_check_echoes_echostr(wechat_keys: dict[str, str], client: Client) -> None:
    timestamp, nonce = now_timestamp(), "4711"
    query = {
        "signature": signature_of(wechat_keys["token"], timestamp, nonce),
        "timestamp": timestamp,
        "nonce": nonce,
        "echostr": "6284927461293847102",
    }
    response = client.get("/wechat/", query)
    assert response.status_code == 200
    assert response.content == b"6284927461293847102"


def test_url_check_with_wrong_signature_is_refused(wechat_keys: dict[str, str], client: Client) -> None:
    timestamp = now_timestamp()
    query = {"signature": signature_of("not-the-token", timestamp, "1"), "timestamp": timestamp, "nonce": "1"}
    response = client.get("/wechat/", {**query, "echostr": "123"})
    assert response.status_code == 403
    assert b"123" not in response.content


def test_url_check_with_encrypted_echostr_answers_the_plaintext(
    wechat_keys: dict[str, str], client: Client
) -> None:
    crypto = WeChatCrypto(wechat_keys["token"], wechat_keys["aes_key"], wechat_keys["appid"])
    sealed = PrpCrypto(crypto.key).encrypt("8712360981234", wechat_keys["appid"]).decode()
    timestamp, nonce = now_timestamp(), "99"
    query = {
        "msg_signature": signature_of(wechat_keys["token"], timestamp, nonce, sealed),
        "timestamp": timestamp,
        "nonce": nonce,
        "echostr": sealed,
    }
    response = client.get("/wechat/", query)
    assert response.status_code == 200
    assert response.content == b"8712360981234"


def test_without_a_token_the_endpoint_does_not_exist(client: Client, settings: Any) -> None:
    settings.TIPLINE_WECHAT_TOKEN = ""
    assert client.get("/wechat/", {"echostr": "1"}).status_code == 404
    assert client.post("/wechat/", data=b"<xml/>", content_type="text/xml").status_code == 404


def test_other_methods_are_not_allowed(wechat_keys: dict[str, str], client: Client) -> None:
    assert client.put("/wechat/", data=b"<xml/>", content_type="text/xml").status_code == 405


# --- messages, in plain and safe mode (the `peer` fixture runs each test in both) --------------------------------


def test_subscribe_is_welcomed_in_chinese_then_english(peer: WeChatPeer) -> None:
    text = _text(peer, peer.push(event_xml("subscribe")))
    _chinese_then_english(
        text, "感谢关注国家安全机关举报受理平台", "Thank you for following National Security Reporting"
    )
    _chinese_then_english(
        text, f'<a href="{BASE}/zh-hans/report/">我要举报</a>', f'<a href="{BASE}/en/report/">'
    )
    assert f"{BASE}/zh-hans/follow-up/" in text and f"{BASE}/en/follow-up/" in text


def test_safe_mode_reply_is_encrypted_for_the_account(safe_peer: WeChatPeer) -> None:
    response = safe_peer.push(event_xml("subscribe"))
    assert b"<Encrypt>" in response.content and "感谢".encode() not in response.content
    assert "感谢关注" in _text(safe_peer, response)


@pytest.mark.parametrize(
    ("keyword", "chinese", "link"),
    [
        ("举报", "举报只通过安全表单受理", "/zh-hans/report/"),
        ("report", "举报只通过安全表单受理", "/zh-hans/report/"),
        ("查询", "凭回执码查询您的举报", "/zh-hans/follow-up/"),
        ("Status", "凭回执码查询您的举报", "/zh-hans/follow-up/"),
        ("receipt", "凭回执码查询您的举报", "/zh-hans/follow-up/"),
        ("联系", "各单位的电话", "/zh-hans/contacts/"),
        ("contact", "各单位的电话", "/zh-hans/contacts/"),
        ("帮助", "发送“公告”查看最新公告", "/zh-hans/notices/"),
        ("HELP!", "发送“公告”查看最新公告", "/zh-hans/notices/"),
    ],
)
def test_keywords_in_both_languages(peer: WeChatPeer, keyword: str, chinese: str, link: str) -> None:
    text = _text(peer, peer.push(text_xml(keyword)))
    assert chinese in text
    assert BASE + link in text and BASE + link.replace("/zh-hans/", "/en/") in text
    assert text.index(BASE + link) < text.index(BASE + link.replace("/zh-hans/", "/en/"))


def test_anything_else_is_sent_to_the_form_and_not_echoed(peer: WeChatPeer) -> None:
    text = _text(peer, peer.push(text_xml("我看到有人每天在军港拍照")))
    _chinese_then_english(text, "本对话不受理举报", "Reports are not taken in this chat")
    assert f"{BASE}/zh-hans/report/" in text
    assert "军港" not in text


def test_pictures_and_files_are_sent_to_the_form(peer: WeChatPeer) -> None:
    text = _text(peer, peer.push(media_xml("image")))
    _chinese_then_english(text, "请勿在此发送图片", "Please do not send pictures")


def test_a_receipt_code_in_chat_is_not_looked_up(peer: WeChatPeer, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        response = peer.push(text_xml("我的回执码 4821 0937 5512 8806 帮我查一下"))
    text = _text(peer, response)
    _chinese_then_english(text, "切勿在聊天中发送回执码", "Never send a receipt code in chat")
    assert f"{BASE}/zh-hans/follow-up/" in text
    assert "4821" not in text


def test_notices_keyword_answers_one_article_card(peer: WeChatPeer) -> None:
    notice_make("older", days_ago=3)
    notice_make("newest", days_ago=1)
    reply = peer.reply(peer.push(text_xml("公告")))
    assert isinstance(reply, ArticlesReply)
    assert [a["url"] for a in reply.articles] == [f"{BASE}/zh-hans/notices/newest/"]
    assert reply.articles[0]["title"] == "公告newest"
    assert reply.articles[0]["description"] == "摘要newest\nNotice newest"


def test_notices_button_answers_the_latest_notices(peer: WeChatPeer) -> None:
    for day in range(7):
        notice_make(f"n{day}", days_ago=day + 1)
    notice_make("draft", published_at=None)
    notice_make("future", days_ago=-2)
    reply = peer.reply(peer.push(event_xml("CLICK", "TIPLINE_NOTICES")))
    assert isinstance(reply, ArticlesReply)
    assert [a["url"] for a in reply.articles] == [f"{BASE}/zh-hans/notices/n{day}/" for day in range(5)]


def test_notices_when_there_are_none(peer: WeChatPeer) -> None:
    text = _text(peer, peer.push(event_xml("CLICK", "TIPLINE_NOTICES")))
    _chinese_then_english(text, "暂无公告", "No notices yet")


@pytest.mark.parametrize(
    ("key", "chinese"),
    [
        ("TIPLINE_HELP", "发送“公告”查看最新公告"),
        ("TIPLINE_REPORT", "举报只通过安全表单受理"),
        ("TIPLINE_STATUS", "凭回执码查询您的举报"),
        ("TIPLINE_CONTACT", "各单位的电话"),
        ("SOMETHING_ELSE", "发送“公告”查看最新公告"),
    ],
)
def test_menu_clicks(peer: WeChatPeer, key: str, chinese: str) -> None:
    assert chinese in _text(peer, peer.push(event_xml("CLICK", key)))


@pytest.mark.parametrize("event", ["VIEW", "unsubscribe", "SCAN", "PUBLISHJOBFINISH"])
def test_events_that_need_no_answer_get_success(peer: WeChatPeer, event: str) -> None:
    key = f"{BASE}/zh-hans/report/" if event == "VIEW" else None
    response = peer.push(event_xml(event, key))
    assert response.content == b"success"
    assert isinstance(peer.reply(response), EmptyReply)


def test_csrf_is_not_asked_of_wechat(wechat_keys: dict[str, str]) -> None:
    peer = WeChatPeer(
        Client(enforce_csrf_checks=True),
        wechat_keys["token"],
        wechat_keys["aes_key"],
        wechat_keys["appid"],
        safe=True,
    )
    assert "感谢关注" in _text(peer, peer.push(event_xml("subscribe")))


# --- retries, replays, wrong credentials --------------------------------------------------------------------------


def test_a_retried_message_is_answered_the_same_way_and_handled_once(
    peer: WeChatPeer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="tipline.wechat")
    xml = text_xml("help", msg_id="777")
    first = _text(peer, peer.push(xml))
    second = _text(peer, peer.push(xml))  # WeChat resends with a new nonce and timestamp
    assert first == second
    outcomes = [r.getMessage() for r in caplog.records if r.getMessage().startswith("wechat message")]
    assert [line.rsplit("delivery=", 1)[1] for line in outcomes] == ["first", "retry"]


def test_a_retried_event_is_recognised_by_sender_and_time(peer: WeChatPeer) -> None:
    notice_make("a")
    xml = event_xml("CLICK", "TIPLINE_NOTICES", create_time="1700000000")
    assert isinstance(peer.reply(peer.push(xml)), ArticlesReply)
    assert isinstance(peer.reply(peer.push(xml)), ArticlesReply)


def test_the_very_same_request_sent_again_is_a_retry_not_new_work(
    peer: WeChatPeer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="tipline.wechat")
    query, body = peer.request(text_xml("report", msg_id="778"))
    assert "举报只通过安全表单受理" in _text(peer, peer.post(query, body))
    assert "举报只通过安全表单受理" in _text(peer, peer.post(query, body))
    assert "delivery=retry" in caplog.text


def test_a_replayed_nonce_with_another_message_is_refused(peer: WeChatPeer) -> None:
    timestamp, nonce = now_timestamp(), "31337"
    assert peer.push(text_xml("help", msg_id="1"), timestamp=timestamp, nonce=nonce).status_code == 200
    response = peer.push(text_xml("report", msg_id="2"), timestamp=timestamp, nonce=nonce)
    assert response.status_code == 403
    assert response.content == b"replayed request"


def test_wrong_signature_is_refused(peer: WeChatPeer) -> None:
    query, body = peer.request(text_xml("help"))
    fields = dict(parse_qsl(query))
    fields["signature"] = "0" * 40
    response = peer.post(urlencode(fields), body)
    assert response.status_code == 403
    assert response.content == b"invalid signature"


def test_safe_mode_message_signed_by_someone_else_is_refused(safe_peer: WeChatPeer) -> None:
    impostor = WeChatCrypto("another-token", safe_peer.aes_key, safe_peer.appid)
    response = safe_peer.post(*safe_peer.request(text_xml("help"), crypto=impostor))
    assert response.status_code == 403
    assert response.content == b"invalid msg_signature"


def test_safe_mode_message_for_another_app_id_is_refused(safe_peer: WeChatPeer) -> None:
    other_app = WeChatCrypto(safe_peer.token, safe_peer.aes_key, "wx" + secrets.token_hex(8))
    response = safe_peer.post(*safe_peer.request(text_xml("help"), crypto=other_app))
    assert response.status_code == 403
    assert response.content == b"wrong app id"


def test_plain_messages_are_refused_once_safe_mode_is_configured(
    safe_peer: WeChatPeer, settings: Any
) -> None:
    plain = WeChatPeer(safe_peer.client, safe_peer.token, safe_peer.aes_key, safe_peer.appid, safe=False)
    assert plain.push(text_xml("help")).status_code == 403
    settings.TIPLINE_WECHAT_ALLOW_PLAIN = "1"  # WeChat's "compatible mode"
    assert "举报只通过安全表单受理" in _text(plain, plain.push(text_xml("help", msg_id="5")))


def test_safe_mode_push_without_a_configured_key_is_refused(plain_peer: WeChatPeer) -> None:
    safe = WeChatPeer(plain_peer.client, plain_peer.token, plain_peer.aes_key, plain_peer.appid, safe=True)
    response = safe.push(text_xml("help"))
    assert response.status_code == 400


def test_every_text_reply_fits_in_a_wechat_message(peer: WeChatPeer) -> None:
    """WeChat takes passive text replies up to 2048 bytes."""
    for xml in (event_xml("subscribe"), text_xml("help", msg_id="9")):
        assert len(_text(peer, peer.push(xml)).encode("utf-8")) <= 2048


def test_url_check_query_must_be_complete(wechat_keys: dict[str, str], client: Client) -> None:
    response = client.get("/wechat/?" + urlencode({"echostr": "1"}))
    assert response.status_code == 400
