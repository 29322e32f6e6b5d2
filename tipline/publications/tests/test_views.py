"""The public site: read-only pages in both languages."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client

from tipline import clock
from tipline.publications.models import ContactEntry, Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices(units: dict) -> dict[str, Notice]:
    now = clock.now()
    ContactEntry.objects.create(
        unit=units["national"],
        telephone="12339",
        mailbox_zh="北京市100000信箱",
        mailbox_en="PO Box 100000, Beijing",
        online_url="https://www.12339.gov.cn",
    )
    ContactEntry.objects.create(unit=units["guangdong"], telephone="020-12339")
    return {
        "pinned": Notice.objects.create(
            slug="pinned",
            title_zh="置顶公告",
            title_en="Pinned notice",
            body_zh="正文",
            body_en="Body",
            pinned=True,
            published_at=now - dt.timedelta(days=1),
        ),
        "hostile": Notice.objects.create(
            slug="hostile",
            title_zh="含脚本",
            title_en="With script",
            published_at=now - dt.timedelta(days=2),
            body_zh="正文",
            body_en="Hello <script>alert(1)</script> [click](javascript:alert(2)) **bold**",
        ),
        "draft": Notice.objects.create(
            slug="draft", title_zh="草稿", title_en="Draft", body_zh="x", body_en="x"
        ),
        "only_zh": Notice.objects.create(
            slug="only-zh", title_zh="仅中文", body_zh="中文正文", published_at=now - dt.timedelta(days=3)
        ),
        "guide": Notice.objects.create(
            slug="guide",
            kind="guidance",
            title_zh="识别指南",
            title_en="Guide",
            body_zh="指南",
            body_en="Guide body",
            published_at=now - dt.timedelta(days=3),
        ),
    }


@pytest.mark.parametrize(("language", "title"), [("en", "Pinned notice"), ("zh-hans", "置顶公告")])
def test_home_shows_pinned_and_latest_in_the_page_language(
    client: Client, notices: dict, language: str, title: str
) -> None:
    page = client.get(f"/{language}/").content.decode()
    assert title in page and "Draft" not in page and "草稿" not in page


def test_root_follows_the_browser_language(client: Client, notices: dict) -> None:
    assert client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})["Location"] == "/en/"
    assert client.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9"})["Location"] == "/zh-hans/"


def test_language_switch_links_to_the_same_page(client: Client, notices: dict) -> None:
    page = client.get("/en/notices/pinned/").content.decode()
    assert 'class="language-switch" href="/zh-hans/notices/pinned/"' in page


def test_markdown_is_sanitised(client: Client, notices: dict) -> None:
    page = client.get("/en/notices/hostile/").content.decode()
    assert "<strong>bold</strong>" in page
    assert "<script>alert(1)" not in page and 'href="javascript:' not in page


def test_unpublished_notices_are_not_found(client: Client, notices: dict) -> None:
    assert client.get("/en/notices/draft/").status_code == 404


def test_a_notice_in_one_language_says_so_in_the_other(client: Client, notices: dict) -> None:
    page = client.get("/en/notices/only-zh/").content.decode()
    assert "仅中文" in page and "not available in your language" in page


def test_there_is_no_comment_feature(client: Client, notices: dict) -> None:
    for url in ("/en/", "/en/notices/", "/en/notices/pinned/", "/zh-hans/guidance/guide/", "/en/contacts/"):
        page = client.get(url).content.decode()
        assert "<form" not in page and "<textarea" not in page, url


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_feeds_are_valid_and_in_the_page_language(client: Client, notices: dict, language: str) -> None:
    rss = client.get(f"/{language}/feeds/notices.rss")
    atom = client.get(f"/{language}/feeds/notices.atom")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert atom["Content-Type"].startswith("application/atom+xml")
    titles = [item.findtext("title") for item in ET.fromstring(rss.content).iter("item")]  # noqa: S314
    assert ("Pinned notice" if language == "en" else "置顶公告") in titles
    assert "Draft" not in titles and "Guide" not in titles
    assert ET.fromstring(atom.content).tag.endswith("feed")  # noqa: S314


def test_contact_directory(client: Client, notices: dict) -> None:
    page = client.get("/en/contacts/").content.decode()
    assert 'href="tel:12339"' in page and "PO Box 100000, Beijing" in page and "020-12339" in page
    assert "北京市100000信箱" in client.get("/zh-hans/contacts/").content.decode()


def test_guidance_pages(client: Client, notices: dict) -> None:
    assert "Guide" in client.get("/en/guidance/").content.decode()
    assert "指南" in client.get("/zh-hans/guidance/guide/").content.decode()


def test_pages_inside_wechat_are_served_the_same(client: Client, notices: dict) -> None:
    ua = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 MicroMessenger/8.0.50"
    assert client.get("/zh-hans/", headers={"User-Agent": ua}).status_code == 200


def test_security_headers(client: Client, notices: dict) -> None:
    response = client.get("/en/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY" and response["Referrer-Policy"] == "same-origin"


def test_not_found_page_is_translated(client: Client, db: Any) -> None:
    response = client.get("/zh-hans/no-such-page/")
    assert response.status_code == 404 and "页面" in response.content.decode()
