"""A phone inside WeChat's in-app browser: the journey's main part on a Pixel 7 sized touch screen, with
WeChat's user agent and a Chinese locale. Every page must fit the screen, keep the language switch in view and
offer touch targets of at least 44x44 CSS pixels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tipline.accounts.models import Unit
from tipline.browser_tests.conftest import WECHAT_USER_AGENT
from tipline.browser_tests.journey import (
    TEXTS,
    expect_loaded,
    no_horizontal_scroll,
    photo_with_gps,
    receipt_code_read,
    report_form_fill,
    status_shown,
    too_small_targets,
)
from tipline.intake.models import Report

pytestmark = pytest.mark.browser

T = TEXTS["zh-hans"]


def tap_and_load(page: Page, target: Locator) -> None:
    with page.expect_navigation() as navigation:
        target.tap()
    expect_loaded(navigation.value)


def assert_fits_phone(page: Page, *targets: Locator) -> None:
    assert no_horizontal_scroll(page), f"{page.url} scrolls sideways on a 412 px wide screen"
    switch = page.locator(".language-switch")
    expect(switch).to_be_visible()
    expect(switch).to_be_in_viewport()
    expect(switch).to_have_text(T["other_language"])
    small = too_small_targets([switch, *targets])
    assert not small, f"touch targets under 44x44 px on {page.url}: {small}"


def test_report_from_wechat_on_a_phone(
    playwright: Any, new_context: Any, units: dict[str, Unit], tmp_path: Path
) -> None:
    phone = {**playwright.devices["Pixel 7"], "user_agent": WECHAT_USER_AGENT, "locale": "zh-CN"}
    page = new_context(**phone).new_page()

    # The bare address follows the phone's language.
    response = page.goto("/")
    expect_loaded(response)
    assert page.url.endswith("/zh-hans/")
    expect(page.get_by_role("heading", level=1)).to_have_text(T["home_h1"])
    make_report = page.locator(".hero").get_by_role("link", name=T["make_report"])
    assert_fits_phone(
        page, make_report, page.locator(".hero").get_by_role("link", name=T["check_with_code"]),
        page.get_by_role("navigation").get_by_role("link"),
    )  # fmt: skip

    tap_and_load(page, make_report)
    expect(page.get_by_role("heading", level=1)).to_have_text(T["form_h1"])
    send = page.get_by_role("button", name=T["send_report"])
    assert_fits_phone(
        page,
        send,
        page.locator("#field-category label.choice"),
        page.locator("#field-reporter_kind label.choice"),
    )

    page.get_by_label(T["category"], exact=True).tap()
    report_form_fill(page, "zh-hans", photo=photo_with_gps(tmp_path))
    send.tap()
    code = receipt_code_read(page, "zh-hans")
    # The receipt replaces the form that was scrolled down to its Send button: the code must be on screen.
    expect(page.locator(".receipt-code")).to_be_in_viewport()
    check = page.get_by_role("link", name=T["check_your_report"])
    assert_fits_phone(page, page.locator("[data-receipt-actions] button"), check)
    assert Report.objects.get().attachments.count() == 1

    tap_and_load(page, check)
    open_report = page.get_by_role("button", name=T["open_report"])
    assert_fits_phone(page, open_report)
    page.get_by_label(T["receipt_label"]).fill(code)
    tap_and_load(page, open_report)
    expect(page.get_by_role("heading", level=1)).to_have_text(T["case_h1"])
    assert status_shown(page) == T["status_received"]
    assert_fits_phone(page, page.get_by_role("button", name=T["send"], exact=True))
