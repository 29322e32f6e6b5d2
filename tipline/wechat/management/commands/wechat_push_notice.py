from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tipline.publications.selectors import notice_published
from tipline.wechat.client import WeChatApiError
from tipline.wechat.services import (
    NoticeNotPublished,
    NoticeTooLongForWeChat,
    WeChatNotConfigured,
    notice_push_to_wechat,
)


class Command(BaseCommand):
    help = "Push a published notice to the Official Account as an article with comments closed."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("slug", help="The notice's web address (slug).")

    def handle(self, *args: Any, **options: Any) -> None:
        notice = notice_published(slug=options["slug"])
        if notice is None:
            raise CommandError(f"No published notice with the slug {options['slug']!r}.")
        try:
            pushed = notice_push_to_wechat(notice)
        except (NoticeNotPublished, NoticeTooLongForWeChat, WeChatNotConfigured, WeChatApiError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Submitted for publication: media_id {pushed.media_id}, publish_id {pushed.publish_id}."
            )
        )
