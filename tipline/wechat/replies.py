"""What Tipline answers in the chat, in every site language in one message (Chinese first, then English).

An Official Account cannot know which language its reader prefers, so each reply carries all of them, short.
Links point at the public site (TIPLINE_PUBLIC_BASE_URL), each language's paragraph at its own pages. Only the
latest notices read the database (one query); nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tipline.publications.models import Notice
from tipline.publications.selectors import notices_published
from tipline.wechat.conf import public_base_url
from tipline.wechat.intents import Intent
from tipline.wechat.protocol import Article

# WeChat shows one article in reply to a user's message, up to eight in reply to an event such as a menu click.
ARTICLES_FOR_MESSAGE = 1
ARTICLES_FOR_EVENT = 5
DESCRIPTION_CHARS = 120


@dataclass(frozen=True)
class Reply:
    """A text, article cards, or nothing (answered with "success")."""

    text: str = ""
    articles: tuple[Article, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.text and not self.articles


def site_languages() -> list[str]:
    """The site's languages, the default first (Chinese, then English)."""
    codes = [code for code, _name in settings.LANGUAGES]
    default = settings.LANGUAGE_CODE
    return [default, *[code for code in codes if code != default]] if default in codes else codes


def in_every_language(render: Callable[[], list[str]]) -> str:
    """One paragraph per language, each rendered with that language active; identical paragraphs (a missing
    translation) are shown once."""
    paragraphs: list[str] = []
    for language in site_languages():
        with translation.override(language):
            paragraph = "\n".join(line for line in render() if line)
        if paragraph not in paragraphs:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def page_url(view_name: str, **kwargs: str) -> str:
    """The absolute address of a public page in the active language."""
    return public_base_url() + reverse(view_name, kwargs=kwargs or None)


def _link(view_name: str, label: str) -> str:
    return f'<a href="{escape(page_url(view_name))}">{escape(label)}</a>'


def _report_link() -> str:
    return _link("intake:report_new", _("Make a report"))


def _status_link() -> str:
    return _link("reporters:sign_in", _("Check a report"))


def _welcome() -> list[str]:
    return [
        _("Thank you for following %(site)s.") % {"site": settings.TIPLINE_SITE_NAME},
        *_help(),
    ]


def _help() -> list[str]:
    return [
        _(
            "Reports are taken only through the secure form, never in this chat. Do not send report details, "
            "files or your receipt code here: chat messages pass through WeChat’s servers."
        ),
        "» " + _report_link(),
        "» " + _status_link(),
        "» " + _link("publications:notice_list", _("Notices")),
        "» " + _link("publications:contacts", _("Contact us")),
        _("Send “notices” for the latest notices, “contact” for how to reach us, “help” for this list."),
    ]


def _report() -> list[str]:
    return [_("Reports are taken only through the secure form, never in this chat:"), _report_link()]


def _status() -> list[str]:
    return [
        _("Check your report with its receipt code on this page. Never send the code in chat:"),
        _status_link(),
    ]


def _receipt_in_chat() -> list[str]:
    return [
        _(
            "Never send a receipt code in chat: it has not been looked up. Delete that message and check your "
            "report on this page:"
        ),
        _status_link(),
    ]


def _contact() -> list[str]:
    return [
        _("Telephone numbers, postal mailboxes and online platforms of every unit:"),
        _link("publications:contacts", _("Contact us")),
    ]


def _media() -> list[str]:
    return [
        _(
            "Please do not send pictures, recordings or files here. Attach them to your report in the secure form:"
        ),
        _report_link(),
    ]


def _guidance() -> list[str]:
    return [
        _("Reports are not taken in this chat. Please use the secure form:"),
        _report_link(),
        _("Send “help” to see what this account offers."),
    ]


def _no_notices() -> list[str]:
    return [_("No notices yet."), _link("publications:notice_list", _("All notices"))]


_TEXTS: dict[Intent, Callable[[], list[str]]] = {
    Intent.WELCOME: _welcome,
    Intent.HELP: _help,
    Intent.REPORT: _report,
    Intent.STATUS: _status,
    Intent.RECEIPT_IN_CHAT: _receipt_in_chat,
    Intent.CONTACT: _contact,
    Intent.MEDIA: _media,
    Intent.GUIDANCE: _guidance,
}


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def notice_article(notice: Notice) -> Article:
    """An article card: title and summary in the default language, the other languages' titles after."""
    languages = site_languages()
    with translation.override(languages[0]):
        title = notice.local("title")
        lines = [notice.local("summary")]
        url = page_url("publications:notice_detail", slug=notice.slug)
    for language in languages[1:]:
        with translation.override(language):
            other_title = notice.local("title")
        if other_title and other_title != title:
            lines.append(other_title)
    description = "\n".join(line for line in lines if line)
    return Article(title=_clip(title, 64), description=_clip(description, DESCRIPTION_CHARS), url=url)


def notices_reply(*, limit: int) -> Reply:
    notices = list(notices_published().order_by("-published_at")[:limit])
    if not notices:
        return Reply(text=in_every_language(_no_notices))
    return Reply(articles=tuple(notice_article(notice) for notice in notices))


def reply_for(intent: Intent, *, to_event: bool) -> Reply:
    if intent is Intent.NOTHING:
        return Reply()
    if intent is Intent.NOTICES:
        return notices_reply(limit=ARTICLES_FOR_EVENT if to_event else ARTICLES_FOR_MESSAGE)
    return Reply(text=in_every_language(_TEXTS[intent]))
