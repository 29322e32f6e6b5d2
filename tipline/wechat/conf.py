"""The WeChat channel's settings. Each is read when it is needed, first from Django's settings (so a test can use
``override_settings``) and otherwise from the environment, so that settings.py needs no WeChat lines:

TIPLINE_WECHAT_TOKEN            the Token of the server configuration; without it /wechat/ answers 404
TIPLINE_WECHAT_AES_KEY          the 43-character EncodingAESKey ("safe mode"); optional
TIPLINE_WECHAT_APPID            the AppID (safe mode binds every message to it; the API needs it)
TIPLINE_WECHAT_APPSECRET        the AppSecret, only for the management commands that call WeChat's API
TIPLINE_WECHAT_ALLOW_PLAIN      "1" accepts plain-text messages although an AES key is set ("compatible mode")
TIPLINE_WECHAT_THUMB_MEDIA_ID   the permanent cover image (material id) of the articles pushed to the account
TIPLINE_PUBLIC_BASE_URL         the public site's address for links in replies, menus and articles
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from tipline.vault.wechat_crypto import wechat_aes_key_decode

DEFAULT_PUBLIC_BASE_URL = "http://127.0.0.1:8000"
# Requests whose timestamp is older than this, or further in the future than the skew, are refused. The replay
# cache keeps (timestamp, nonce) pairs for the whole window, so a captured request cannot be sent again.
MAX_AGE_SECONDS = 300
FUTURE_SKEW_SECONDS = 60


def _read(name: str, default: str = "") -> str:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, default)
    return str(value).strip()


def _flag(name: str) -> bool:
    return _read(name).lower() in {"1", "true", "yes", "on"}


def public_base_url() -> str:
    return _read("TIPLINE_PUBLIC_BASE_URL", DEFAULT_PUBLIC_BASE_URL).rstrip("/") or DEFAULT_PUBLIC_BASE_URL


@dataclass(frozen=True)
class WeChatSettings:
    token: str = field(repr=False)
    aes_key: bytes | None = field(repr=False)
    appid: str
    allow_plain: bool

    @property
    def safe_mode(self) -> bool:
        return self.aes_key is not None


def wechat_settings() -> WeChatSettings | None:
    """The callback settings, or None when no token is configured (the channel is off)."""
    token = _read("TIPLINE_WECHAT_TOKEN")
    if not token:
        return None
    aes_text = _read("TIPLINE_WECHAT_AES_KEY")
    appid = _read("TIPLINE_WECHAT_APPID")
    aes_key = None
    if aes_text:
        try:
            aes_key = wechat_aes_key_decode(aes_text)
        except ValueError as error:
            raise ImproperlyConfigured(f"TIPLINE_WECHAT_AES_KEY: {error}") from None
        if not appid:
            raise ImproperlyConfigured("TIPLINE_WECHAT_AES_KEY needs TIPLINE_WECHAT_APPID")
    return WeChatSettings(
        token=token,
        aes_key=aes_key,
        appid=appid,
        allow_plain=aes_key is None or _flag("TIPLINE_WECHAT_ALLOW_PLAIN"),
    )


@dataclass(frozen=True)
class WeChatApiCredentials:
    appid: str
    appsecret: str = field(repr=False)


def wechat_api_credentials() -> WeChatApiCredentials | None:
    """AppID and AppSecret for WeChat's API, or None when either is missing."""
    appid, appsecret = _read("TIPLINE_WECHAT_APPID"), _read("TIPLINE_WECHAT_APPSECRET")
    if not appid or not appsecret:
        return None
    return WeChatApiCredentials(appid=appid, appsecret=appsecret)


def wechat_thumb_media_id() -> str:
    return _read("TIPLINE_WECHAT_THUMB_MEDIA_ID")
