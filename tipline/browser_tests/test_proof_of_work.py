"""The proof of work as a reporter on a phone inside WeChat meets it: the check runs by itself while they type,
in their language, under the strict content security policy, and the report and the sign-in go through."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tipline.accounts.models import Unit
from tipline.browser_tests.conftest import WECHAT_USER_AGENT
from tipline.browser_tests.journey import (
    LANGUAGES,
    TEXTS,
    expect_loaded,
    receipt_code_read,
    report_form_fill,
    send_button,
    sign_in,
    status_shown,
)
from tipline.intake.flood_control import intake_settings_changed
from tipline.intake.models import Report

pytestmark = pytest.mark.browser
PHONE_LOCALE = {"en": "en-US", "zh-hans": "zh-CN"}


@pytest.fixture
def proof_of_work_on(settings: Any) -> None:
    settings.TIPLINE_PROOF_OF_WORK_ENFORCED = True
    settings.TIPLINE_FLOOD_DEFAULTS = {"proof_of_work_cost": 500, "submissions_per_client_hour": 50,
                                       "submissions_without_javascript_hour": 0}  # fmt: skip
    intake_settings_changed()


def phone_page(playwright: Any, new_context: Any, lang: str, problems: list[str]) -> Page:
    phone = {**playwright.devices["Pixel 7"], "user_agent": WECHAT_USER_AGENT, "locale": PHONE_LOCALE[lang]}
    page: Page = new_context(**phone).new_page()
    # A blocked script, style or worker (content security policy) shows up as a console error.
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return page


def check_passed(page: Page) -> None:
    """The widget fetched a challenge, solved it in a worker and put the solution in the form."""
    expect(page.locator("input[name=altcha]")).not_to_have_value("", timeout=30_000)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_phone_in_wechat_solves_the_check_and_reports(
    playwright: Any,
    new_context: Any,
    units: dict[str, Unit],
    proof_of_work_on: None,
    tmp_path: Path,
    lang: str,
) -> None:
    problems: list[str] = []
    page = phone_page(playwright, new_context, lang, problems)
    expect_loaded(page.goto(f"/{lang}/report/"))
    widget = page.locator("altcha-widget")
    expect(widget).to_be_visible()
    report_form_fill(page, lang)
    check_passed(page)
    expect(widget).to_contain_text("已验证" if lang == "zh-hans" else "Verified")  # in the page's language
    send_button(page, lang).tap()
    code = receipt_code_read(page, lang)
    assert Report.objects.count() == 1

    expect_loaded(page.goto(f"/{lang}/follow-up/"))
    check_passed(page)
    sign_in(page, lang, code)
    assert status_shown(page) == TEXTS[lang]["status_received"]
    assert [p for p in problems if "Content Security Policy" in p or "Refused" in p] == []


def test_without_the_check_the_form_is_refused_and_keeps_what_was_typed(
    playwright: Any, new_context: Any, units: dict[str, Unit], proof_of_work_on: None
) -> None:
    """No JavaScript and no allowance left (an administrator set it to 0 during a flood)."""
    page = new_context(java_script_enabled=False, locale="zh-CN").new_page()
    expect_loaded(page.goto("/zh-hans/report/"))
    expect(page.locator("noscript").first).to_be_attached()
    report_form_fill(page, "zh-hans")
    with page.expect_navigation() as navigation:
        send_button(page, "zh-hans").click()
    assert navigation.value.status == 403
    expect(page.locator(".error-summary")).to_contain_text("防刷验证")
    expect(page.get_by_label(TEXTS["zh-hans"]["what_happened"])).to_have_value(
        TEXTS["zh-hans"]["report_text"]
    )
    assert Report.objects.count() == 0
