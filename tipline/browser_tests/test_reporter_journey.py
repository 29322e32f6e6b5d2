"""The reporter's whole journey in a desktop browser, in both languages: notice, report with a photo, receipt,
follow-up with the receipt code, a question from the officer and the reporter's answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tipline.accounts.models import Role, Unit
from tipline.browser_tests.journey import (
    BRAND_RED,
    LANGUAGES,
    NOTICE_TEXTS,
    TEXTS,
    assert_no_location_or_author,
    attachment_bytes,
    click_and_load,
    notice_publish,
    photo_with_gps,
    receipt_code_read,
    report_form_fill,
    send_button,
    sign_in,
    status_shown,
)
from tipline.intake.models import Report
from tipline.reporters.services import staff_question_ask
from tipline.testsupport.factories import staff_make

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", LANGUAGES)
def test_report_and_follow_up(page: Page, units: dict[str, Unit], tmp_path: Path, lang: str) -> None:
    t, n = TEXTS[lang], NOTICE_TEXTS[lang]
    notice_publish()

    # Home page, in the chosen language, styled by site.css.
    response = page.goto(f"/{lang}/")
    assert response is not None and response.ok
    expect(page.locator("html")).to_have_attribute("lang", t["html_lang"])
    expect(page.get_by_role("heading", level=1)).to_have_text(t["home_h1"])
    expect(page.locator(".language-switch")).to_have_text(t["other_language"])
    assert page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor") == BRAND_RED

    # A notice, its Markdown rendered.
    click_and_load(page, page.get_by_role("link", name=n["title"]))
    expect(page.get_by_role("heading", level=1)).to_have_text(n["title"])
    expect(page.locator(".prose strong")).to_have_text(n["bold"])
    expect(page.locator(".prose li").last).to_have_text(n["item"])

    # The report form, from the notice's call to action.
    click_and_load(page, page.locator(".after-article").get_by_role("link", name=t["make_report"]))
    expect(page.get_by_role("heading", level=1)).to_have_text(t["form_h1"])
    expect(page.locator("[data-identity]")).to_be_hidden()  # site.js hides the identity fields when anonymous
    photo = photo_with_gps(tmp_path)
    report_form_fill(page, lang, photo=photo)
    send_button(page, lang).click()

    # The receipt: large digits, the warning, and the copy button site.js reveals.
    code = receipt_code_read(page, lang)
    font_px = float(page.locator(".receipt-code").evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    assert font_px >= 24, f"receipt code in {font_px}px type"
    expect(page.get_by_text(t["cannot_recover"])).to_be_visible()
    expect(page.get_by_role("button", name=t["copy_code"])).to_be_visible()

    report = Report.objects.select_related("attachment_key").get()
    assert (report.language, report.category_id, report.region, report.unit.code, report.reporter_kind) == (
        "en" if lang == "en" else "zh", "state_secrets", "440000", "guangdong", "anonymous",
    )  # fmt: skip
    assert report.identity is None
    stored = attachment_bytes(report)
    assert len(stored) == 1
    assert_no_location_or_author(stored[0])

    # Follow-up with the code, typed as shown (groups of four).
    click_and_load(page, page.get_by_role("link", name=t["check_your_report"]))
    sign_in(page, lang, " ".join(code[i : i + 4] for i in range(0, 16, 4)))
    assert status_shown(page) == t["status_received"]

    # An officer asks a question; the reporter sees it after reloading, and answers.
    handler = staff_make(Role.HANDLER, units["guangdong"])
    staff_question_ask(report=report, staff_id=handler.pk, text=t["staff_question"])
    page.reload()
    question = page.locator(".thread .message-staff")
    expect(question.locator(".message-text")).to_have_text(t["staff_question"])
    expect(question.locator(".meta")).to_contain_text(t["question_from_officer"])

    page.get_by_label(t["answer_label"]).fill(t["answer"])
    click_and_load(page, page.get_by_role("button", name=t["send"], exact=True))
    expect(page.get_by_role("status")).to_have_text(t["message_sent"])
    messages = page.locator(".thread .message")
    expect(messages).to_have_count(2)
    expect(messages.nth(1).locator(".message-text")).to_have_text(t["answer"])
    expect(messages.nth(1).locator(".meta")).to_contain_text(t["you_wrote"])
