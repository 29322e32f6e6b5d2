"""The requests Tipline forms for WeChat's API: an access token, the menu, a draft and its publication. WeChat's
servers cannot be reached from a test, so httpx.MockTransport records the requests and gives canned answers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from io import StringIO
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
from django.core.management import CommandError, call_command

from tipline.audit.models import AuditEvent
from tipline.audit.services import Actor
from tipline.publications.markdown import markdown_to_safe_html
from tipline.wechat import client as wechat_api
from tipline.wechat.client import WeChatApiError, WeChatClient
from tipline.wechat.conf import WeChatApiCredentials
from tipline.wechat.menu import menu_definition, menu_problems
from tipline.wechat.services import NoticeNotPublished, WeChatNotConfigured, notice_push_to_wechat
from tipline.wechat.tests.conftest import notice_make

BASE = "https://tipline.example.org"
APPSECRET = "s3cr3t-app-secret-0123456789abcdef"
ACCESS_TOKEN = "ACCESS_TOKEN_87_abcdefghijklmnop"


@dataclass
class FakeWeChat:
    """Canned answers by path; every request is kept."""

    answers: dict[str, dict[str, Any]] = field(
        default_factory=lambda: {
            "/cgi-bin/stable_token": {"access_token": ACCESS_TOKEN, "expires_in": 7200},
            "/cgi-bin/menu/create": {"errcode": 0, "errmsg": "ok"},
            "/cgi-bin/draft/add": {"media_id": "MEDIA_ID_1"},
            "/cgi-bin/freepublish/submit": {"errcode": 0, "errmsg": "ok", "publish_id": "100000001"},
        }
    )
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200, json=self.answers[request.url.path])

    def client(self) -> WeChatClient:
        return WeChatClient(
            WeChatApiCredentials(appid="wx0123456789abcdef", appsecret=APPSECRET),
            transport=httpx.MockTransport(self),
        )

    def body(self, index: int) -> Any:
        return json.loads(self.requests[index].content.decode("utf-8"))

    def paths(self) -> list[str]:
        return [request.url.path for request in self.requests]


@pytest.fixture
def fake(settings: Any) -> FakeWeChat:
    settings.TIPLINE_PUBLIC_BASE_URL = BASE + "/"
    return FakeWeChat()


@pytest.fixture
def api_settings(settings: Any, fake: FakeWeChat, monkeypatch: pytest.MonkeyPatch) -> FakeWeChat:
    settings.TIPLINE_WECHAT_APPID = "wx0123456789abcdef"
    settings.TIPLINE_WECHAT_APPSECRET = APPSECRET
    settings.TIPLINE_WECHAT_THUMB_MEDIA_ID = "THUMB_MEDIA_ID"
    monkeypatch.setattr(wechat_api, "wechat_client", lambda **kwargs: fake.client())
    return fake


# --- menu -------------------------------------------------------------------------------------------------------


def test_menu_definition(fake: FakeWeChat) -> None:
    menu = menu_definition()
    report, status, more = menu["button"]
    assert report == {"type": "view", "name": "我要举报", "url": f"{BASE}/zh-hans/report/"}
    assert status == {"type": "view", "name": "查询进度", "url": f"{BASE}/zh-hans/follow-up/"}
    assert more["name"] == "公开信息"
    assert more["sub_button"] == [
        {"type": "click", "name": "通知公告", "key": "TIPLINE_NOTICES"},
        {"type": "view", "name": "联系方式", "url": f"{BASE}/zh-hans/contacts/"},
        {"type": "click", "name": "使用帮助", "key": "TIPLINE_HELP"},
    ]
    assert menu_problems(menu) == []


def test_menu_labels_too_long_for_wechat_are_found() -> None:
    menu = {"button": [{"name": "一二三四五六", "sub_button": [{"name": "x" * 61}]}]}
    assert len(menu_problems(menu)) == 2


def test_access_token_is_asked_for_with_the_secret_in_the_body(fake: FakeWeChat) -> None:
    with fake.client() as api:
        assert api.access_token() == ACCESS_TOKEN
        assert api.access_token() == ACCESS_TOKEN  # asked once per client
    (request,) = fake.requests
    assert request.method == "POST"
    assert str(request.url) == "https://api.weixin.qq.com/cgi-bin/stable_token"
    assert fake.body(0) == {
        "grant_type": "client_credential",
        "appid": "wx0123456789abcdef",
        "secret": APPSECRET,
        "force_refresh": False,
    }


def test_menu_create_request(fake: FakeWeChat) -> None:
    menu = menu_definition()
    with fake.client() as api:
        api.menu_create(menu)
    assert fake.paths() == ["/cgi-bin/stable_token", "/cgi-bin/menu/create"]
    request = fake.requests[1]
    assert request.method == "POST"
    assert parse_qs(request.url.query.decode()) == {"access_token": [ACCESS_TOKEN]}
    assert request.headers["Content-Type"] == "application/json; charset=utf-8"
    assert "我要举报".encode() in request.content  # UTF-8, not \\u escapes (WeChat would show those)
    assert fake.body(1) == menu


def test_wechat_errors_are_raised_without_the_access_token(fake: FakeWeChat) -> None:
    fake.answers["/cgi-bin/menu/create"] = {"errcode": 40018, "errmsg": "invalid button name size"}
    with fake.client() as api, pytest.raises(WeChatApiError) as raised:
        api.menu_create(menu_definition())
    assert raised.value.errcode == 40018
    assert ACCESS_TOKEN not in str(raised.value) and APPSECRET not in str(raised.value)


def test_unreachable_wechat_is_an_api_error() -> None:
    def unreachable(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route", request=request)

    api = WeChatClient(
        WeChatApiCredentials(appid="wx1", appsecret=APPSECRET), transport=httpx.MockTransport(unreachable)
    )
    with api, pytest.raises(WeChatApiError, match="ConnectError"):
        api.access_token()


def test_wechat_menu_command_prints_and_publishes(api_settings: FakeWeChat) -> None:
    out, err = StringIO(), StringIO()
    call_command("wechat_menu", stdout=out, stderr=err)
    assert json.loads(out.getvalue()) == menu_definition()
    assert api_settings.paths() == ["/cgi-bin/stable_token", "/cgi-bin/menu/create"]
    assert "published" in err.getvalue()


def test_wechat_menu_command_without_credentials_only_prints(fake: FakeWeChat, settings: Any) -> None:
    settings.TIPLINE_WECHAT_APPID = ""
    settings.TIPLINE_WECHAT_APPSECRET = ""
    out, err = StringIO(), StringIO()
    call_command("wechat_menu", stdout=out, stderr=err)
    assert json.loads(out.getvalue())["button"][0]["name"] == "我要举报"
    assert "Not sent" in err.getvalue()
    assert fake.requests == []


# --- pushing a notice -------------------------------------------------------------------------------------------

BODY_ZH = "## 通知\n\n请**警惕**可疑人员。<script>alert(1)</script>\n\n[详情](javascript:alert(1))"
BODY_EN = "Be **alert**. <img src=x onerror=alert(1)>"


@pytest.mark.django_db
def test_notice_push_forms_draft_and_publish_requests(api_settings: FakeWeChat) -> None:
    notice = notice_make("alert", body_zh=BODY_ZH, body_en=BODY_EN, summary_zh="摘要" * 100)
    pushed = notice_push_to_wechat(notice, client=api_settings.client())
    assert (pushed.media_id, pushed.publish_id) == ("MEDIA_ID_1", "100000001")
    assert api_settings.paths() == [
        "/cgi-bin/stable_token",
        "/cgi-bin/draft/add",
        "/cgi-bin/freepublish/submit",
    ]

    (article,) = api_settings.body(1)["articles"]
    assert article["need_open_comment"] == 0 and article["only_fans_can_comment"] == 0
    assert article["title"] == "公告alert"
    assert len(article["digest"]) <= 120
    assert article["thumb_media_id"] == "THUMB_MEDIA_ID"
    assert article["content_source_url"] == f"{BASE}/zh-hans/notices/alert/"
    expected = (
        markdown_to_safe_html(BODY_ZH) + "\n<hr>\n<h2>Notice alert</h2>\n" + markdown_to_safe_html(BODY_EN)
    )
    assert article["content"] == expected
    # Raw HTML in the Markdown arrives as text, never as markup; unsafe link schemes are dropped.
    assert "<script" not in article["content"] and "<img" not in article["content"]
    assert "&lt;script&gt;" in article["content"]
    assert 'href="javascript:' not in article["content"]
    assert parse_qs(api_settings.requests[1].url.query.decode()) == {"access_token": [ACCESS_TOKEN]}

    assert api_settings.body(2) == {"media_id": "MEDIA_ID_1"}
    assert parse_qs(api_settings.requests[2].url.query.decode()) == {"access_token": [ACCESS_TOKEN]}

    event = AuditEvent.objects.get(action="wechat.notice_pushed")
    assert event.subject == f"notice:{notice.pk}"
    assert event.details == {"slug": "alert", "media_id": "MEDIA_ID_1", "publish_id": "100000001"}


@pytest.mark.django_db
def test_unpublished_notices_are_not_pushed(api_settings: FakeWeChat) -> None:
    notice = notice_make("draft", published_at=None)
    with pytest.raises(NoticeNotPublished):
        notice_push_to_wechat(notice, acting=Actor.system(), client=api_settings.client())
    assert api_settings.requests == []
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_a_failed_publication_is_not_recorded_as_pushed(api_settings: FakeWeChat) -> None:
    api_settings.answers["/cgi-bin/freepublish/submit"] = {"errcode": 48001, "errmsg": "api unauthorized"}
    with pytest.raises(WeChatApiError):
        notice_push_to_wechat(notice_make("n"), client=api_settings.client())
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_push_needs_a_cover_image(api_settings: FakeWeChat, settings: Any) -> None:
    settings.TIPLINE_WECHAT_THUMB_MEDIA_ID = ""
    with pytest.raises(WeChatNotConfigured):
        notice_push_to_wechat(notice_make("n"), client=api_settings.client())


@pytest.mark.django_db
def test_wechat_push_notice_command(api_settings: FakeWeChat) -> None:
    notice_make("alert")
    out = StringIO()
    call_command("wechat_push_notice", "alert", stdout=out)
    assert "publish_id 100000001" in out.getvalue()
    assert api_settings.paths()[-1] == "/cgi-bin/freepublish/submit"
    with pytest.raises(CommandError, match="No published notice"):
        call_command("wechat_push_notice", "no-such-notice")
