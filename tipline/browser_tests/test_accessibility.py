"""axe-core (bundled in axe-playwright-python, nothing fetched) on the reporter's main pages, in both languages:
no serious or critical violation of the WCAG 2.x A and AA rules."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tipline.accounts.models import Role, Unit
from tipline.browser_tests.journey import (
    LANGUAGES,
    NOTICE_TEXTS,
    TEXTS,
    click_and_load,
    expect_loaded,
    notice_publish,
    receipt_code_read,
    receipt_code_send,
    report_form_fill,
    send_button,
    sign_in,
)
from tipline.intake.models import Report
from tipline.reporters.services import staff_question_ask
from tipline.testsupport.factories import staff_make

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
AXE = Axe()


def axe_check(page: Page, name: str, found: dict[str, list[str]]) -> None:
    """Runs axe on the page as it is now and records its serious and critical violations under `name`."""
    results = AXE.run(
        page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    )
    assert results.response["testEngine"]["name"] == "axe-core"
    for violation in results.response["violations"]:
        if violation["impact"] in BLOCKING:
            targets = [", ".join(str(t) for t in node["target"]) for node in violation["nodes"]][:5]
            found.setdefault(name, []).append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}"
            )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_main_pages_pass_axe(page: Page, units: dict[str, Unit], lang: str) -> None:
    t, n = TEXTS[lang], NOTICE_TEXTS[lang]
    notice_publish()
    found: dict[str, list[str]] = {}

    expect_loaded(page.goto(f"/{lang}/"))
    axe_check(page, "home", found)

    click_and_load(page, page.get_by_role("link", name=n["title"]))
    axe_check(page, "notice", found)

    expect_loaded(page.goto(f"/{lang}/report/"))
    axe_check(page, "report form", found)
    send_button(page, lang).click()
    expect(page.get_by_role("alert").filter(has_text=t["check_form"])).to_be_visible()
    axe_check(page, "report form with errors", found)

    report_form_fill(page, lang)
    send_button(page, lang).click()
    code = receipt_code_read(page, lang)
    axe_check(page, "receipt", found)

    click_and_load(page, page.get_by_role("link", name=t["check_your_report"]))
    axe_check(page, "sign-in", found)
    receipt_code_send(page, lang, "0000 0000 0000 0000", status=400)
    expect(page.locator("#field-receipt .errors")).to_be_visible()
    axe_check(page, "sign-in with a wrong code", found)

    sign_in(page, lang, code)
    staff_question_ask(
        report=Report.objects.get(),
        staff_id=staff_make(Role.HANDLER, units["guangdong"]).pk,
        text=t["staff_question"],
    )
    page.reload()
    expect(page.locator(".thread .message-staff")).to_be_visible()
    axe_check(page, "report status", found)

    assert not found, "axe found serious or critical violations:\n" + "\n".join(
        f"- {name}: {problem}" for name, problems in found.items() for problem in problems
    )


def test_axe_is_bundled_and_finds_problems(new_context: Any) -> None:
    """The axe script comes from the installed package and needs nothing from the network (the `new_context`
    fixture fails the test on any request outside the live server); on a page with known faults it reports
    them, so an empty result above means something."""
    from axe_playwright_python import base

    assert base.AXE_FILE_PATH.is_file()
    assert base.AXE_SCRIPT.startswith("/*! axe v4.")
    page = new_context().new_page()
    page.set_content(
        "<!doctype html><html lang='en'><title>t</title><main><h1>Form</h1>"
        "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='><input type='text' name='code'></main></html>"
    )
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    found = {(v["id"], v["impact"]) for v in results.response["violations"]}
    assert {("image-alt", "critical"), ("label", "critical")} <= found
