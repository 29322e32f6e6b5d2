"""Pushing a published notice to the Official Account as an article, comments closed.

The calls to WeChat run outside any database transaction (a slow network must not hold locks); the audit event
is written once WeChat has accepted the publication, with the ids WeChat gave, so an auditor can match what the
account shows with who pushed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from django.db import transaction
from django.utils import translation

from tipline import clock
from tipline.audit.services import Actor, audit_append
from tipline.publications.markdown import markdown_to_safe_html
from tipline.publications.models import Notice
from tipline.wechat import client as wechat_api
from tipline.wechat.conf import wechat_thumb_media_id
from tipline.wechat.replies import page_url, site_languages

# draft/add's limits: title 64 characters, digest 120, content under 20,000 characters.
TITLE_CHARS = 64
DIGEST_CHARS = 120
CONTENT_CHARS = 20_000


class NoticeNotPublished(ValueError):
    pass


class NoticeTooLongForWeChat(ValueError):
    pass


class WeChatNotConfigured(RuntimeError):
    pass


@dataclass(frozen=True)
class NoticePushed:
    media_id: str
    publish_id: str


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def notice_article_content(notice: Notice) -> str:
    """The article's HTML: each language's text through the site's Markdown sanitiser, the default language
    first; the other languages follow under their own title."""
    sections: list[str] = []
    for language in site_languages():
        suffix = "zh" if language.startswith("zh") else "en"
        body = getattr(notice, f"body_{suffix}", "")
        title = getattr(notice, f"title_{suffix}", "")
        if not body:
            continue
        heading = f"<h2>{escape(title)}</h2>\n" if sections and title else ""
        sections.append(heading + markdown_to_safe_html(body))
    return "\n<hr>\n".join(sections)


def notice_article(notice: Notice, *, thumb_media_id: str) -> dict[str, Any]:
    """The article of draft/add for a notice. Comments stay closed: Tipline publishes, it does not discuss."""
    content = notice_article_content(notice)
    if len(content) >= CONTENT_CHARS:
        raise NoticeTooLongForWeChat(f"the article would have {len(content)} characters; WeChat takes 20,000")
    view_name = (
        "publications:guidance_detail"
        if notice.kind == Notice.Kind.GUIDANCE
        else "publications:notice_detail"
    )
    with translation.override(site_languages()[0]):
        title, digest = notice.local("title"), notice.local("summary")
        url = page_url(view_name, slug=notice.slug)
    return {
        "article_type": "news",
        "title": _clip(title, TITLE_CHARS),
        "digest": _clip(digest, DIGEST_CHARS),
        "content": content,
        "content_source_url": url,
        "thumb_media_id": thumb_media_id,
        "need_open_comment": 0,
        "only_fans_can_comment": 0,
    }


def notice_push_to_wechat(
    notice: Notice, *, acting: Actor | None = None, client: wechat_api.WeChatClient | None = None
) -> NoticePushed:
    """Sends a published notice to the account as a draft, then publishes it (freepublish)."""
    if notice.published_at is None or notice.published_at > clock.now():
        raise NoticeNotPublished(f"notice {notice.slug!r} is not published")
    thumb_media_id = wechat_thumb_media_id()
    if not thumb_media_id:
        raise WeChatNotConfigured(
            "TIPLINE_WECHAT_THUMB_MEDIA_ID is not set (the permanent cover image every article needs)"
        )
    article = notice_article(notice, thumb_media_id=thumb_media_id)
    api = client or wechat_api.wechat_client()
    if api is None:
        raise WeChatNotConfigured("TIPLINE_WECHAT_APPID and TIPLINE_WECHAT_APPSECRET are not set")
    try:
        media_id = api.draft_add([article])
        publish_id = api.freepublish_submit(media_id)
    finally:
        if client is None:
            api.close()
    with transaction.atomic(durable=True):
        audit_append(
            actor=acting or Actor.system(),
            action="wechat.notice_pushed",
            subject=f"notice:{notice.pk}",
            details={"slug": notice.slug, "media_id": media_id, "publish_id": publish_id},
        )
    return NoticePushed(media_id=media_id, publish_id=publish_id)
