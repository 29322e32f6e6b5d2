from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language


def site(request: HttpRequest) -> dict[str, Any]:
    """The site name and the link to this same page in the other language (the always-visible switch)."""
    current = get_language() or settings.LANGUAGE_CODE
    other = "en" if current.startswith("zh") else "zh-hans"
    return {
        "site_name": settings.TIPLINE_SITE_NAME,
        "other_language_code": other,
        "other_language_name": dict(settings.LANGUAGES)[other],
        "other_language_url": translate_url(request.get_full_path(), other),
        "in_wechat": getattr(request, "in_wechat", False),
    }
