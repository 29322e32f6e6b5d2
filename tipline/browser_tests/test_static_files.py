"""The pages load their stylesheet and script (the other browser tests serve them through the conftest's
`site_static_files` if the settings do not, so that they can still test the pages; this test does not)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tipline.browser_tests.journey import BRAND_RED, expect_loaded

pytestmark = pytest.mark.browser


def test_stylesheet_and_script_are_served(page: Page) -> None:
    statuses: dict[str, int] = {}
    page.on(
        "response",
        lambda r: statuses.update({r.url.rsplit("/", 1)[-1]: r.status}) if "/static/" in r.url else None,
    )
    expect_loaded(page.goto("/en/"))
    page.wait_for_load_state("load")
    assert statuses == {"site.css": 200, "site.js": 200}, (
        f"static files answered {statuses}: tipline/static/ is not found by the static finders, so neither the "
        "server nor collectstatic has site.css and site.js. Add STATICFILES_DIRS = [BASE_DIR / 'tipline' / "
        "'static'] to tipline/config/settings.py."
    )
    assert page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor") == BRAND_RED
