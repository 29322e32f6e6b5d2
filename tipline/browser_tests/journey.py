"""What the browser tests read on the pages and the steps they share.

The expected texts are written out here in both languages (from tipline/locale/zh_Hans/LC_MESSAGES/django.po)
rather than looked up through gettext, so a missing or stale catalogue fails the Chinese journeys instead of
letting English pass for Chinese."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from playwright.sync_api import Locator, Page, Response, expect

from tipline import clock
from tipline.intake.attachment_store import attachment_blob_read
from tipline.intake.models import Report
from tipline.publications.models import Notice
from tipline.testsupport import sample_files

LANGUAGES = ("en", "zh-hans")

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "html_lang": "en",
        "other_language": "简体中文",
        "home_h1": "Report acts that endanger national security",
        "make_report": "Make a report",
        "check_with_code": "Check a report with your receipt code",
        "form_h1": "Make a report",
        "category": "Stealing or illegally providing state secrets or intelligence",
        "what_happened": "What happened?",
        "where": "Where did it happen?",
        "region": "Guangdong",
        "files": "Files",
        "anonymous": "anonymous",
        "send_report": "Send report",
        "check_form": "Please check the form",
        "choose_category": "Choose what the report is about.",
        "tell_us": "Tell us what happened.",
        "receipt_h1": "Your report has been received",
        "cannot_recover": "We cannot show this code again or recover it.",
        "copy_code": "Copy code",
        "check_your_report": "Check your report",
        "sign_in_h1": "Check a report",
        "receipt_label": "Your receipt code",
        "open_report": "Open my report",
        "no_such_receipt": "No report has this receipt code. Check the digits and try again.",
        "receipt_16_digits": "A receipt code has 16 digits. Check what you typed.",
        "case_h1": "Your report",
        "status_received": "received",
        "status_in_progress": "being handled",
        "question_from_officer": "Question from the officer",
        "you_wrote": "You wrote",
        "answer_label": "Your answer or more information",
        "send": "Send",
        "message_sent": "Your message was sent.",
        # What the tests write (not from the catalogue).
        "report_text": "A man photographs the naval port every morning and sends the pictures abroad.",
        "staff_question": "Which days of the week did you see him at the port?",
        "answer": "Mondays and Thursdays, around seven in the morning.",
    },
    "zh-hans": {
        "html_lang": "zh-Hans",
        "other_language": "English",
        "home_h1": "举报危害国家安全的行为",
        "make_report": "我要举报",
        "check_with_code": "凭回执码查询举报",
        "form_h1": "我要举报",
        "category": "窃取、刺探、收买、非法提供国家秘密或情报",
        "what_happened": "发生了什么？",
        "where": "在哪里发生的？",
        "region": "广东",
        "files": "文件",
        "anonymous": "匿名",
        "send_report": "提交举报",
        "check_form": "请检查表单",
        "choose_category": "请选择举报事项的类别。",
        "tell_us": "请告诉我们发生了什么。",
        "receipt_h1": "您的举报已收到",
        "cannot_recover": "此回执码不会再次显示，也无法找回。",
        "copy_code": "复制回执码",
        "check_your_report": "查询您的举报",
        "sign_in_h1": "查询举报",
        "receipt_label": "您的回执码",
        "open_report": "查看我的举报",
        "no_such_receipt": "没有与此回执码对应的举报。请核对数字后重试。",
        "receipt_16_digits": "回执码为 16 位数字，请检查您的输入。",
        "case_h1": "您的举报",
        "status_received": "已接收",
        "status_in_progress": "办理中",
        "question_from_officer": "工作人员的提问",
        "you_wrote": "您的留言",
        "answer_label": "您的回复或补充情况",
        "send": "发送",
        "message_sent": "您的留言已发送。",
        "report_text": "有一名男子每天早上拍摄军港，并把照片发往境外。",
        "staff_question": "您一般在星期几看到他在港口？",
        "answer": "星期一和星期四，早上七点左右。",
    },
}

BRAND_RED = "rgb(138, 28, 28)"  # --brand in site.css: the header is this colour only if the stylesheet loaded


def notice_publish(slug: str = "beware-of-recruiters") -> Notice:
    """A published notice with a Markdown body in both languages."""
    return Notice.objects.create(
        slug=slug,
        title_en="Beware of recruiters posing as consultants",
        title_zh="警惕以咨询为名的境外间谍人员",
        summary_en="Foreign agents offer paid consulting work to learn what you know.",
        summary_zh="境外间谍人员以有偿咨询为名套取信息。",
        body_en="Some **paid consulting** offers are a cover.\n\n- They ask about your work\n- They pay in cash\n",
        body_zh="部分**有偿咨询**邀请只是幌子。\n\n- 打听您的工作内容\n- 以现金支付报酬\n",
        published_at=clock.now() - dt.timedelta(days=1),
    )


NOTICE_TEXTS = {
    "en": {
        "title": "Beware of recruiters posing as consultants",
        "bold": "paid consulting",
        "item": "They pay in cash",
    },
    "zh-hans": {"title": "警惕以咨询为名的境外间谍人员", "bold": "有偿咨询", "item": "以现金支付报酬"},
}


def photo_with_gps(directory: Path) -> Path:
    """A JPEG whose EXIF carries a GPS position and identifying marker strings."""
    path = directory / "harbour.jpg"
    path.write_bytes(sample_files.jpeg_with_gps())
    return path


def expect_loaded(response: Response | None, status: int | None = None) -> None:
    """A page answered normally (or with `status`). The message names the page's heading: a form that came
    back 403 "This form has expired" was refused by the CSRF check, which is easy to miss behind that page."""
    assert response is not None
    if (response.status >= 400) if status is None else (response.status != status):
        body = response.text()
        title = re.search(r"<h1>(.*?)</h1>", body, re.S)
        raise AssertionError(
            f"{response.request.method} {response.url} answered {response.status}"
            f"{'' if status is None else f' instead of {status}'}: "
            f"{title.group(1).strip() if title else body[:300]!r}"
        )


def click_and_load(page: Page, target: Locator, status: int | None = None) -> Response | None:
    """Clicks something that loads a new page (a link, or a form the browser sends itself) and checks the
    answer, following redirects to the final page."""
    with page.expect_navigation() as navigation:
        target.click()
    response = navigation.value
    expect_loaded(response, status)
    return response


def receipt_code_send(page: Page, lang: str, typed: str, status: int | None = None) -> None:
    """On the sign-in page, types a receipt code and sends it."""
    t = TEXTS[lang]
    page.get_by_label(t["receipt_label"]).fill(typed)
    click_and_load(page, page.get_by_role("button", name=t["open_report"]), status)


def report_form_fill(page: Page, lang: str, *, photo: Path | None = None) -> None:
    """Fills the report form as an anonymous reporter: category, text, region and perhaps a photo."""
    t = TEXTS[lang]
    page.get_by_label(t["category"], exact=True).check()
    page.get_by_label(t["what_happened"]).fill(t["report_text"])
    page.get_by_label(t["where"]).select_option(label=t["region"])
    if photo is not None:
        page.get_by_label(t["files"], exact=True).set_input_files(photo)
    expect(page.get_by_label(t["anonymous"], exact=True)).to_be_checked()


def send_button(page: Page, lang: str) -> Locator:
    return page.get_by_role("button", name=TEXTS[lang]["send_report"])


def receipt_code_read(page: Page, lang: str) -> str:
    """The receipt code as the page shows it (groups of four digits), checked against its data attribute."""
    expect(page.get_by_role("heading", level=1)).to_have_text(TEXTS[lang]["receipt_h1"])
    shown = page.locator(".receipt-code").inner_text()
    digits = re.sub(r"\D", "", shown)
    assert re.fullmatch(r"\d{16}", digits), f"not a receipt code: {shown!r}"
    assert page.locator("[data-receipt-code]").get_attribute("data-receipt-code") == digits
    assert re.fullmatch(r"\d{4}( ?\n?\s*\d{4}){3}", shown.strip()), f"not grouped by four: {shown!r}"
    return digits


def sign_in(page: Page, lang: str, code: str) -> None:
    """From the sign-in page, opens the report with its receipt code."""
    t = TEXTS[lang]
    expect(page.get_by_role("heading", level=1)).to_have_text(t["sign_in_h1"])
    receipt_code_send(page, lang, code)
    expect(page.get_by_role("heading", level=1)).to_have_text(t["case_h1"])


def status_shown(page: Page) -> str:
    return page.locator(".status-summary dd.status").inner_text().strip()


def attachment_bytes(report: Report) -> list[bytes]:
    """The stored attachments of a report, decrypted."""
    out = []
    for attachment in report.attachments.all():
        buffer = io.BytesIO()
        attachment_blob_read(report.attachment_key, buffer, report_public_id=report.public_id,
                             attachment_id=attachment.id)  # fmt: skip
        out.append(buffer.getvalue())
    return out


def assert_no_location_or_author(data: bytes) -> None:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        assert 0x8825 not in exif, "GPS IFD pointer kept"
        assert not exif.get_ifd(0x8825), "GPS data kept"
    for marker in (sample_files.AUTHOR_MARKER, sample_files.DEVICE_MARKER, "MarkerMaker"):
        assert marker.encode() not in data, f"{marker} kept in the stored file"


def no_horizontal_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth"))


def too_small_targets(targets: list[Locator], minimum: float = 44) -> list[str]:
    """Each visible target whose box is under minimum x minimum CSS pixels, described for the failure message."""
    small = []
    for locator in targets:
        for index in range(locator.count()):
            element = locator.nth(index)
            box = element.bounding_box()
            assert box is not None, f"{locator} is not rendered"
            if box["width"] < minimum or box["height"] < minimum:
                small.append(
                    f"{element.inner_text().strip() or locator}: {box['width']:.0f}x{box['height']:.0f}"
                )
    return small
