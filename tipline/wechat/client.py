"""A small client for the few WeChat API calls Tipline makes: an access token, the menu, and publishing an
article (a draft, then free publication). Used only by management commands, never while answering a push.

The transport is injectable (``httpx.MockTransport`` in tests: WeChat's servers cannot be reached from a test).
The access token is a credential and travels in the query string as WeChat requires, so httpx's request log
line (which prints the URL at INFO) is turned down to warnings, and errors never include a URL.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx

from tipline.wechat.conf import WeChatApiCredentials, wechat_api_credentials

API_BASE_URL = "https://api.weixin.qq.com"
TIMEOUT_SECONDS = 10.0

logging.getLogger("httpx").setLevel(logging.WARNING)


class WeChatApiError(RuntimeError):
    """WeChat answered with an error code, or not at all."""

    def __init__(self, call: str, errcode: int | None, errmsg: str) -> None:
        super().__init__(f"{call}: WeChat error {errcode}: {errmsg}")
        self.call = call
        self.errcode = errcode
        self.errmsg = errmsg


class WeChatClient:
    def __init__(
        self,
        credentials: WeChatApiCredentials,
        *,
        transport: httpx.BaseTransport | None = None,
        base_url: str = API_BASE_URL,
    ) -> None:
        self._credentials = credentials
        self._http = httpx.Client(base_url=base_url, transport=transport, timeout=TIMEOUT_SECONDS)
        self._token: str | None = None

    def __enter__(self) -> WeChatClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def _post(
        self, call: str, path: str, body: dict[str, Any], *, authenticated: bool = True
    ) -> dict[str, Any]:
        params = {"access_token": self.access_token()} if authenticated else None
        # WeChat shows \u escapes literally in menus and articles: Chinese must be sent as UTF-8.
        content = json.dumps(body, ensure_ascii=False).encode("utf-8")
        try:
            response = self._http.post(
                path,
                params=params,
                content=content,
                headers={"Content-Type": "application/json; charset=utf-8"},
            )
        except httpx.HTTPError as error:
            raise WeChatApiError(call, None, type(error).__name__) from None
        if response.status_code != 200:
            raise WeChatApiError(call, None, f"HTTP {response.status_code}")
        try:
            answer = response.json()
        except ValueError:
            raise WeChatApiError(call, None, "answer is not JSON") from None
        if not isinstance(answer, dict):
            raise WeChatApiError(call, None, "answer is not a JSON object")
        errcode = answer.get("errcode", 0)
        if errcode != 0:
            raise WeChatApiError(call, errcode, str(answer.get("errmsg", ""))[:200])
        return answer

    def access_token(self) -> str:
        """A stable access token (cgi-bin/stable_token): the secret goes in the body, not the URL, and fetching
        it does not invalidate the token other services of the same account hold."""
        if self._token is None:
            answer = self._post(
                "stable_token",
                "/cgi-bin/stable_token",
                {
                    "grant_type": "client_credential",
                    "appid": self._credentials.appid,
                    "secret": self._credentials.appsecret,
                    "force_refresh": False,
                },
                authenticated=False,
            )
            token = answer.get("access_token")
            if not isinstance(token, str) or not token:
                raise WeChatApiError("stable_token", None, "no access_token in the answer")
            self._token = token
        return self._token

    def menu_create(self, menu: dict[str, Any]) -> None:
        self._post("menu/create", "/cgi-bin/menu/create", menu)

    def draft_add(self, articles: list[dict[str, Any]]) -> str:
        """Adds a draft; returns its media_id."""
        answer = self._post("draft/add", "/cgi-bin/draft/add", {"articles": articles})
        media_id = answer.get("media_id")
        if not isinstance(media_id, str) or not media_id:
            raise WeChatApiError("draft/add", None, "no media_id in the answer")
        return media_id

    def freepublish_submit(self, media_id: str) -> str:
        """Publishes a draft; returns the publish_id (the result arrives later as a PUBLISHJOBFINISH event)."""
        answer = self._post("freepublish/submit", "/cgi-bin/freepublish/submit", {"media_id": media_id})
        publish_id = answer.get("publish_id")
        if publish_id in (None, ""):
            raise WeChatApiError("freepublish/submit", None, "no publish_id in the answer")
        return str(publish_id)


def wechat_client(*, transport: httpx.BaseTransport | None = None) -> WeChatClient | None:
    """A client with the configured AppID and AppSecret, or None when they are not configured."""
    credentials = wechat_api_credentials()
    return None if credentials is None else WeChatClient(credentials, transport=transport)
