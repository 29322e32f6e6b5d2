"""Every user-visible string exists in Simplified Chinese and English: the catalogue is complete and in step
with the code, and no page rendered in Chinese shows English sentences."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tipline import clock
from tipline.accounts.models import Role
from tipline.intake.models import Report
from tipline.locale_catalogues import LOCALE_DIR, catalogue_gaps
from tipline.publications.models import Notice
from tipline.reporters.services import staff_question_ask
from tipline.testsupport.factories import report_make, staff_make

REPO = Path(__file__).resolve().parents[2]
# English that may legitimately stand on a Chinese page: the language switch, feed formats, file formats.
ALLOWED_ENGLISH = {"English", "RSS", "Atom", "JPEG", "PNG", "WebP", "PDF", "Word", "Excel", "PowerPoint"}
ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[ ,'’-]+[A-Za-z]{2,})+")


def test_chinese_catalogue_has_no_untranslated_or_fuzzy_entry() -> None:
    assert catalogue_gaps("zh_Hans") == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (Debian package gettext)")
def test_catalogue_is_in_step_with_the_code(tmp_path: Path) -> None:
    """Extracts the strings again from a copy of the code; the committed catalogue must hold every one."""
    copy = tmp_path / "tipline"
    shutil.copytree(REPO / "tipline", copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [
            sys.executable,
            str(REPO / "manage.py"),
            "makemessages",
            "-l",
            "zh_Hans",
            "--no-obsolete",
            "--ignore",
            "triage/*",
            "--ignore",
            "*/tests/*",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        timeout=120,
    )
    fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(copy / "locale/zh_Hans/LC_MESSAGES/django.po"))}
    committed = {
        (e.msgctxt, e.msgid) for e in polib.pofile(str(LOCALE_DIR / "zh_Hans/LC_MESSAGES/django.po"))
    }
    assert sorted(fresh - committed, key=str) == []


def _visible_text(page: str) -> str:
    page = re.sub(r"<(script|style|template)\b.*?</\1>", " ", page, flags=re.S)
    # Parts marked as English on purpose (the receipt's explanation in the other language, the switch's label).
    page = re.sub(r'<(section|a|span|p)\b[^>]*\blang="en"[^>]*>.*?</\1>', " ", page, flags=re.S)
    page = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(page)


def _english_runs(page: str) -> list[str]:
    runs = []
    for run in ENGLISH_RUN.findall(_visible_text(page)):
        words = set(re.findall(r"[A-Za-z]+", run))
        if not words <= ALLOWED_ENGLISH:
            runs.append(run)
    return runs


@pytest.fixture
def journey_pages(units: dict, client: Client) -> dict[str, str]:
    """Every public page a reporter can reach, in Chinese, including error states."""
    Notice.objects.create(
        slug="n",
        title_zh="公告",
        body_zh="正文",
        summary_zh="摘要",
        title_en="Notice",
        body_en="Body",
        pinned=True,
        published_at=clock.now(),
    )
    Notice.objects.create(
        slug="g", kind="guidance", title_zh="指引", body_zh="正文", published_at=clock.now()
    )
    pages: dict[str, str] = {}
    for url in (
        "/zh-hans/",
        "/zh-hans/notices/",
        "/zh-hans/notices/n/",
        "/zh-hans/guidance/",
        "/zh-hans/contacts/",
        "/zh-hans/privacy/",
        "/zh-hans/report/",
        "/zh-hans/follow-up/",
        "/zh-hans/no-such-page/",
    ):
        pages[url] = client.get(url).content.decode()
    token = re.search(r'name="submission_token" value="([^"]+)"', pages["/zh-hans/report/"]).group(1)  # type: ignore[union-attr]
    bad_file = SimpleUploadedFile("x.jpg", b"<html></html>")
    pages["form errors"] = client.post(
        "/zh-hans/report/", {"reporter_kind": "person", "submission_token": token, "attachments": [bad_file]}
    ).content.decode()
    pages["anonymous with identity"] = client.post(
        "/zh-hans/report/",
        {
            "category": "defection",
            "text": "文字",
            "region": "000000",
            "reporter_kind": "anonymous",
            "name": "李",
            "submission_token": token,
        },
    ).content.decode()
    pages["receipt"] = client.post(
        "/zh-hans/report/",
        {
            "category": "defection",
            "text": "文字",
            "region": "000000",
            "reporter_kind": "anonymous",
            "submission_token": token,
        },
    ).content.decode()
    pages["wrong code"] = client.post(
        "/zh-hans/follow-up/", {"receipt": "0000 0000 0000 0000"}
    ).content.decode()
    receipt = report_make()
    staff_question_ask(
        report=Report.objects.get(public_id=receipt.report_public_id),
        staff_id=staff_make(Role.HANDLER, units["national"]).pk,
        text="问题",
    )
    client.post("/zh-hans/follow-up/", {"receipt": receipt.code})
    pages["case"] = client.get("/zh-hans/follow-up/report/").content.decode()
    pages["empty answer"] = client.post("/zh-hans/follow-up/report/message/", {"text": ""}).content.decode()
    pages["protection"] = client.post("/zh-hans/follow-up/report/protection/", {}).content.decode()
    pages["csrf"] = Client(enforce_csrf_checks=True).post("/zh-hans/follow-up/", {}).content.decode()
    return pages


@pytest.mark.django_db
def test_no_page_shows_english_sentences_in_chinese(journey_pages: dict[str, Any]) -> None:
    found = {name: _english_runs(page) for name, page in journey_pages.items()}
    assert {name: runs for name, runs in found.items() if runs} == {}
