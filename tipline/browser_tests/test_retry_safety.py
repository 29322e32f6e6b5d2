"""Sending a report again never makes a second report: the reporter gets the same receipt code back."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Page, Route, expect

from tipline.accounts.models import Unit
from tipline.browser_tests.journey import (
    TEXTS,
    click_and_load,
    expect_loaded,
    photo_with_gps,
    receipt_code_read,
    report_form_fill,
    send_button,
)
from tipline.intake.models import Report

pytestmark = pytest.mark.browser


def stored_files() -> list[Path]:
    return sorted(Path(settings.TIPLINE_FILES_DIR).rglob("*.bin"))


def test_reloading_the_receipt_sends_again_and_shows_the_same_code(
    new_context: Any, units: dict[str, Unit], tmp_path: Path
) -> None:
    """Without JavaScript the receipt is the answer to the browser's own POST; reloading it sends the same
    form (same submission token, same photo) again."""
    lang = "en"
    page = new_context(java_script_enabled=False).new_page()
    expect_loaded(page.goto(f"/{lang}/report/"))
    report_form_fill(page, lang, photo=photo_with_gps(tmp_path))
    click_and_load(page, send_button(page, lang))
    first = receipt_code_read(page, lang)

    again = page.reload()
    expect_loaded(again)
    assert again is not None and again.request.method == "POST"
    assert receipt_code_read(page, lang) == first
    assert Report.objects.count() == 1
    assert Report.objects.get().attachments.count() == 1
    assert len(stored_files()) == 1


def test_send_again_after_the_answer_was_lost(page: Page, units: dict[str, Unit]) -> None:
    """The server stores the report but its answer never reaches the phone (the connection drops). The script
    keeps the form as typed and says so; pressing Send again shows the receipt of the report already made.

    Without a file: Playwright cannot pass on the bytes of a file the page sends (an intercepted request's body
    lacks them), so the reload test above covers sending a photo twice."""
    lang = "zh-hans"
    lost: list[tuple[int, str]] = []  # the answer to the first try, asserted below rather than in the handler

    def drop_first_answer(route: Route) -> None:
        if route.request.method != "POST" or lost:
            route.fallback()
            return
        answer = route.fetch()  # the server receives the report and commits it
        lost.append((answer.status, answer.text()))
        route.abort("connectionreset")  # ...and the browser never hears back

    page.route(re.compile(r".*/report/$"), drop_first_answer)
    expect_loaded(page.goto(f"/{lang}/report/"))
    report_form_fill(page, lang)
    send_button(page, lang).click()

    failed = page.locator("[data-upload-failed]")
    expect(failed).to_be_visible()
    expect(failed).to_have_attribute("role", "alert")
    expect(failed).to_contain_text("提交失败")
    expect(page.get_by_label(TEXTS[lang]["what_happened"])).to_have_value(TEXTS[lang]["report_text"])
    assert lost[0][0] == 200, lost[0][1]
    assert Report.objects.count() == 1
    code_in_lost_answer = re.search(r'data-receipt-code="(\d{16})"', lost[0][1])
    assert code_in_lost_answer is not None

    expect(send_button(page, lang)).to_be_enabled()
    send_button(page, lang).click()
    assert receipt_code_read(page, lang) == code_in_lost_answer.group(1)
    assert Report.objects.count() == 1
