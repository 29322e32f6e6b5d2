from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tipline.wechat import client as wechat_api
from tipline.wechat.menu import menu_definition, menu_problems


class Command(BaseCommand):
    help = (
        "Print the Official Account menu as JSON and, when TIPLINE_WECHAT_APPID and TIPLINE_WECHAT_APPSECRET "
        "are set, publish it (menu/create)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--print-only", action="store_true", help="Print the menu; do not send it.")

    def handle(self, *args: Any, **options: Any) -> None:
        menu = menu_definition()
        self.stdout.write(json.dumps(menu, ensure_ascii=False, indent=2))
        problems = menu_problems(menu)
        if problems:
            raise CommandError("WeChat would refuse this menu: " + "; ".join(problems))
        if options["print_only"]:
            return
        api = wechat_api.wechat_client()
        if api is None:
            self.stderr.write("Not sent: TIPLINE_WECHAT_APPID and TIPLINE_WECHAT_APPSECRET are not both set.")
            return
        with api:
            try:
                api.menu_create(menu)
            except wechat_api.WeChatApiError as error:
                raise CommandError(str(error)) from None
        self.stderr.write(self.style.SUCCESS("Menu published to the Official Account."))
