"""tipline.vault.wechat_crypto against wechatpy: each side opens what the other sealed."""

from __future__ import annotations

import base64
import secrets

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wechatpy.crypto import PrpCrypto
from wechatpy.utils import WeChatSigner

from tipline.vault.wechat_crypto import (
    WeChatMessageUndecryptable,
    WeChatWrongAppId,
    wechat_aes_key_decode,
    wechat_decrypt,
    wechat_encrypt,
    wechat_signature,
    wechat_signature_valid,
)
from tipline.wechat.tests.conftest import aes_key_new

APPID = "wx0123456789abcdef"


@pytest.fixture
def key() -> bytes:
    return wechat_aes_key_decode(aes_key_new())


@settings(max_examples=50, deadline=None)
@given(text=st.text(max_size=300))
def test_both_directions_agree_with_wechatpy(text: str) -> None:
    key, message = secrets.token_bytes(32), text.encode("utf-8")
    theirs = PrpCrypto(key)
    assert wechat_decrypt(key, theirs.encrypt(message, APPID).decode(), appid=APPID) == message
    assert theirs.decrypt(wechat_encrypt(key, message, appid=APPID), APPID) == text


def test_our_ciphertexts_differ_each_time(key: bytes) -> None:
    assert wechat_encrypt(key, b"<xml/>", appid=APPID) != wechat_encrypt(key, b"<xml/>", appid=APPID)


def test_another_app_id_is_refused(key: bytes) -> None:
    sealed = PrpCrypto(key).encrypt("<xml/>", "wxsomeoneelse000").decode()
    with pytest.raises(WeChatWrongAppId):
        wechat_decrypt(key, sealed, appid=APPID)


def test_bad_padding_and_garbage_are_refused(key: bytes) -> None:
    sealed = base64.b64decode(PrpCrypto(key).encrypt("<xml/>", APPID))
    tampered = base64.b64encode(sealed[:-1] + bytes([sealed[-1] ^ 0xFF])).decode()
    for text in (tampered, "not base64!", base64.b64encode(b"short").decode()):
        with pytest.raises(WeChatMessageUndecryptable):
            wechat_decrypt(key, text, appid=APPID)


def test_signature_is_wechats() -> None:
    signer = WeChatSigner()
    signer.add_data("token", "1700000000", "nonce", "ENCRYPTED")
    assert wechat_signature("token", "1700000000", "nonce", "ENCRYPTED") == signer.signature
    assert wechat_signature_valid("token", signer.signature, "nonce", "ENCRYPTED", "1700000000")
    assert not wechat_signature_valid("token", signer.signature.upper(), "1700000000", "nonce", "ENCRYPTED")
    assert not wechat_signature_valid("token", "签名", "1700000000", "nonce", "ENCRYPTED")


@pytest.mark.parametrize("text", ["", "a" * 42, "a" * 44, "!" * 43])
def test_malformed_encoding_aes_keys_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        wechat_aes_key_decode(text)
