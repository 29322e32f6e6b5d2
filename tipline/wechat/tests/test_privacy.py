"""Nothing identifies a WeChat user afterwards: no OpenID, content or receipt code in the database, the logs or
the cache; and answering a push does no slow work (no KDF, no network)."""

from __future__ import annotations

import pickle
import socket
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection

from tipline.wechat.tests.conftest import OPENID, WeChatPeer, event_xml, media_xml, notice_make, text_xml

pytestmark = pytest.mark.django_db

SECRET_TEXT = "张三在军港码头拍照"
CODE = "4821 0937 5512 8806"  # as the receipt page shows it


def _all_messages(peer: WeChatPeer) -> None:
    notice_make("one")
    pushes = [
        event_xml("subscribe"),
        text_xml(SECRET_TEXT, msg_id="24000000000000101"),
        text_xml(f"回执码 {CODE}", msg_id="24000000000000102"),
        text_xml("公告", msg_id="24000000000000103"),
        event_xml("CLICK", "TIPLINE_NOTICES"),
        event_xml("VIEW", "https://tipline.example.org/zh-hans/report/"),
        media_xml("voice", msg_id="24000000000000104"),
    ]
    for xml in pushes:
        response = peer.push(xml)
        assert response.status_code == 200
        assert SECRET_TEXT.encode() not in response.content and b"4821 0937" not in response.content
    peer.push(text_xml(SECRET_TEXT, msg_id="24000000000000101"))  # a retry
    peer.push("<xml><broken>")  # a refusal


def _database_text() -> str:
    """Every row of every table, as text."""
    dump = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from introspection
            for row in cursor.fetchall():
                dump.append(
                    " ".join(
                        bytes(v).decode("latin-1") if isinstance(v, bytes | memoryview) else str(v)
                        for v in row
                    )
                )
    return "\n".join(dump)


def test_no_openid_content_or_code_reaches_the_database_or_the_logs(
    peer: WeChatPeer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    _all_messages(peer)
    stored = _database_text()
    assert "Notice one" in stored  # the dump does see the tables
    for secret in (OPENID, SECRET_TEXT, CODE, CODE.replace(" ", "")):
        assert secret not in stored
        assert secret not in caplog.text
    assert "wechat message type=text outcome=guidance" in caplog.text


def test_the_cache_holds_only_keyed_hashes(peer: WeChatPeer) -> None:
    _all_messages(peer)
    entries = cache._cache  # type: ignore[attr-defined]  # the tests' LocMemCache
    assert entries
    for key, value in entries.items():
        kind, digest = key.rsplit(":", 1)[0], key.rsplit(":", 1)[1]
        assert kind.endswith(("wechat:nonce", "wechat:message")), key
        assert len(digest) == 32 and int(digest, 16) >= 0
        stored = pickle.loads(value)  # noqa: S301 - our own cache entries
        assert (
            stored in {"welcome", "guidance", "receipt_in_chat", "notices", "nothing", "media"}
            or len(stored) == 32
        )
        for secret in (OPENID, SECRET_TEXT, CODE, "24000000000000101", "24000000000000102"):
            assert secret not in key and secret not in str(stored)


def test_answering_does_no_slow_work(peer: WeChatPeer, monkeypatch: pytest.MonkeyPatch) -> None:
    """No network and no KDF while a push is answered: both are made to fail, and every push still works."""
    import argon2.low_level

    def forbidden(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("slow work while answering WeChat")

    monkeypatch.setattr(socket.socket, "connect", forbidden)
    monkeypatch.setattr(socket, "create_connection", forbidden)
    monkeypatch.setattr(argon2.low_level, "hash_secret_raw", forbidden)
    monkeypatch.setattr(argon2.low_level, "hash_secret", forbidden)
    _all_messages(peer)
