"""Models that carry their text in both languages (`name_zh`, `name_en`) show the one the page is in."""

from __future__ import annotations

from django.utils.translation import get_language


def language_suffix() -> str:
    return "zh" if (get_language() or "zh-hans").startswith("zh") else "en"


class BilingualMixin:
    """`obj.local("name")` is `name_zh` on a Chinese page and `name_en` on an English one, falling back to the
    other language when one is empty."""

    def local(self, field: str) -> str:
        first, second = ("zh", "en") if language_suffix() == "zh" else ("en", "zh")
        return str(getattr(self, f"{field}_{first}") or getattr(self, f"{field}_{second}") or "")
