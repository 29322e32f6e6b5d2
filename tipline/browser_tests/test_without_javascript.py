"""With JavaScript off the site still works: the browser sends the forms itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tipline.accounts.models import Unit
from tipline.browser_tests.journey import (
    BRAND_RED,
    TEXTS,
    assert_no_location_or_author,
    attachment_bytes,
    click_and_load,
    expect_loaded,
    photo_with_gps,
    receipt_code_read,
    report_form_fill,
    send_button,
    sign_in,
    status_shown,
)
from tipline.intake.models import Report

pytestmark = pytest.mark.browser


def test_report_and_follow_up_without_javascript(
    new_context: Any, units: dict[str, Unit], tmp_path: Path
) -> None:
    lang = "zh-hans"
    t = TEXTS[lang]
    page = new_context(java_script_enabled=False).new_page()

    expect_loaded(page.goto(f"/{lang}/report/"))
    assert page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor") == BRAND_RED
    expect(page.locator("[data-identity]")).to_be_visible()  # nothing hides it without the script
    report_form_fill(page, lang, photo=photo_with_gps(tmp_path))
    response = click_and_load(page, send_button(page, lang))
    assert response is not None and response.request.method == "POST"

    code = receipt_code_read(page, lang)
    expect(page.locator("[data-receipt-actions]")).to_be_hidden()  # copy and print need the script
    report = Report.objects.select_related("attachment_key").get()
    (stored,) = attachment_bytes(report)
    assert_no_location_or_author(stored)

    click_and_load(page, page.get_by_role("link", name=t["check_your_report"]))
    sign_in(page, lang, code)
    assert status_shown(page) == t["status_received"]
    page.get_by_label(t["answer_label"]).fill(t["answer"])
    click_and_load(page, page.get_by_role("button", name=t["send"], exact=True))
    expect(page.get_by_role("status")).to_have_text(t["message_sent"])
    expect(page.locator(".thread .message-reporter .message-text")).to_have_text(t["answer"])
