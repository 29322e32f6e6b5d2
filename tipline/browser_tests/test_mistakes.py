"""Mistakes get clear messages in the reporter's language and leave the form usable: a wrong receipt code, a
report form sent without its required answers."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tipline.accounts.models import Unit
from tipline.browser_tests.journey import LANGUAGES, TEXTS, expect_loaded, receipt_code_send, status_shown
from tipline.intake.models import Report
from tipline.testsupport.factories import report_make

pytestmark = pytest.mark.browser


def expect_refused(page: Page, lang: str, message: str, typed: str) -> None:
    t = TEXTS[lang]
    expect(page.get_by_role("heading", level=1)).to_have_text(t["sign_in_h1"])
    field = page.get_by_label(t["receipt_label"])
    expect(page.locator("#field-receipt .errors")).to_have_text(message)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_value(typed)  # kept, to be corrected rather than typed again
    expect(field).to_be_editable()
    expect(page.get_by_role("button", name=t["open_report"])).to_be_enabled()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_wrong_code_then_right_code(page: Page, units: dict[str, Unit], lang: str) -> None:
    receipt = report_make()
    wrong = "1" + receipt.code[1:] if receipt.code[0] != "1" else "2" + receipt.code[1:]
    expect_loaded(page.goto(f"/{lang}/follow-up/"))

    receipt_code_send(page, lang, wrong, status=400)
    expect_refused(page, lang, TEXTS[lang]["no_such_receipt"], wrong)

    receipt_code_send(page, lang, "1234 5678", status=400)
    expect_refused(page, lang, TEXTS[lang]["receipt_16_digits"], "1234 5678")

    receipt_code_send(page, lang, receipt.code)
    expect(page.get_by_role("heading", level=1)).to_have_text(TEXTS[lang]["case_h1"])
    assert status_shown(page) == TEXTS[lang]["status_received"]


def test_report_form_errors_are_announced_and_keep_what_was_typed(page: Page, units: dict[str, Unit]) -> None:
    """The report form sent without its two required answers: an error summary (role=alert, focused) names
    them and links to them, and what was typed is still there."""
    lang = "en"
    t = TEXTS[lang]
    expect_loaded(page.goto(f"/{lang}/report/"))
    page.get_by_label(t["where"]).select_option(label=t["region"])
    page.get_by_label("Place", exact=True).fill("Harbour road")
    page.get_by_role("button", name=t["send_report"]).click()

    summary = page.get_by_role("alert").filter(has_text=t["check_form"])
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(t["choose_category"])
    expect(summary).to_contain_text(t["tell_us"])
    expect(summary).to_be_focused()
    expect(page.get_by_label(t["where"])).to_have_value("440000")
    expect(page.get_by_label("Place", exact=True)).to_have_value("Harbour road")
    summary.get_by_role("link", name=t["choose_category"], exact=False).click()
    assert page.url.endswith("#field-category")
    assert Report.objects.count() == 0
