"""The Official Account's custom menu.

An account has one menu in one language (the site's default, Chinese); labels are translatable so another
deployment gets its own language. WeChat allows three top-level buttons, so notices, the contact directory and
help share the third. Report and status open the site's pages (VIEW); "notices" asks the server for the latest
notices as article cards (CLICK).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from tipline.wechat.replies import page_url

# WeChat's limits, in bytes of UTF-8: 16 for a top-level label (four Chinese characters), 60 below.
TOP_LABEL_BYTES = 16
SUB_LABEL_BYTES = 60


def menu_definition() -> dict[str, Any]:
    """The JSON body of menu/create."""
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "button": [
                {"type": "view", "name": _("Make a report"), "url": page_url("intake:report_new")},
                {"type": "view", "name": _("Check status"), "url": page_url("reporters:sign_in")},
                {
                    "name": _("Information"),
                    "sub_button": [
                        {"type": "click", "name": _("Notices"), "key": "TIPLINE_NOTICES"},
                        {"type": "view", "name": _("Contacts"), "url": page_url("publications:contacts")},
                        {"type": "click", "name": _("Help"), "key": "TIPLINE_HELP"},
                    ],
                },
            ]
        }


def menu_problems(menu: dict[str, Any]) -> list[str]:
    """Labels WeChat would refuse or cut (a translation can make them too long)."""
    problems = []
    for button in menu["button"]:
        if len(button["name"].encode("utf-8")) > TOP_LABEL_BYTES:
            problems.append(f"top-level label {button['name']!r} is over {TOP_LABEL_BYTES} bytes")
        for sub in button.get("sub_button", []):
            if len(sub["name"].encode("utf-8")) > SUB_LABEL_BYTES:
                problems.append(f"label {sub['name']!r} is over {SUB_LABEL_BYTES} bytes")
    return problems
