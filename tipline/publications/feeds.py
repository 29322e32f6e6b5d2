"""RSS 2.0 and Atom feeds of the notices, one per language (the language comes from the URL prefix)."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from tipline.publications.markdown import markdown_to_safe_html
from tipline.publications.models import Notice
from tipline.publications.selectors import notices_published

FEED_LENGTH = 30


class NoticesRssFeed(Feed):
    title = _("Notices")
    description = _("Notices published by the agency.")

    def link(self) -> str:
        return reverse("publications:notice_list")

    def items(self) -> list[Notice]:
        return list(notices_published()[:FEED_LENGTH])

    def item_title(self, item: Notice) -> str:
        return item.local("title")

    def item_description(self, item: Notice) -> str:
        return markdown_to_safe_html(item.local("body"))

    def item_link(self, item: Notice) -> str:
        return reverse("publications:notice_detail", args=[item.slug])

    def item_pubdate(self, item: Notice) -> dt.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Notice) -> dt.datetime | None:
        return item.updated_at


class NoticesAtomFeed(NoticesRssFeed):
    feed_type = Atom1Feed
    subtitle = NoticesRssFeed.description
