"""Complaints about staff, as the complainant, oversight, other staff and someone guessing codes see them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tipline.accounts.models import Role
from tipline.audit.models import AuditEvent
from tipline.cases.models import Case
from tipline.cases.selectors import QueueFilters, cases_visible_to, queue_cases
from tipline.intake.submissions import SubmissionInvalid
from tipline.reporters import complaints as complaints_module
from tipline.reporters import selectors
from tipline.reporters.complaints import (
    ComplaintDraft,
    complaint_content_open,
    complaint_for_receipt,
    complaint_result_record,
    complaint_submit,
    complaints_visible_to,
)
from tipline.reporters.followup_session import COOKIE_NAME
from tipline.reporters.models import Complaint, ComplaintStatus, ComplaintSubmission
from tipline.testsupport.factories import report_make, staff_make, token_make
from tipline.testsupport.staff import staff_enrolled, staff_sign_in
from tipline.vault.models import DataKey
from tipline.vault.receipts import receipt_format

pytestmark = pytest.mark.django_db

MARKER = "Officer-Zhang-asked-for-20000-yuan"
MARKER_ZH = "张警官索要两万元"
NOT_AUDITORS = [role for role in Role if role != Role.AUDITOR]


def _complaint_make(text: str = f"{MARKER}: pay, or your report goes nowhere.", **fields: Any) -> Any:
    return complaint_submit(draft=ComplaintDraft(language="en", text=text, **fields), token=token_make())


def _form_token(page: str) -> str:
    return re.search(r'name="submission_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def _submit(client: Client, language: str, **data: str) -> Any:
    token = _form_token(client.get(f"/{language}/complaints/new/").content.decode())
    return client.post(f"/{language}/complaints/new/", {"submission_token": token, **data})


def _label(language: str, status: ComplaintStatus) -> str:
    with translation.override(language):
        return str(status.label)


def _auditor_client(units: dict) -> tuple[Client, Any]:
    auditor = staff_enrolled(Role.AUDITOR, units["national"])
    return staff_sign_in(Client(), auditor), auditor


@pytest.mark.parametrize(
    ("language", "marker", "suffix"), [("en", MARKER, "en"), ("zh-hans", MARKER_ZH, "zh")]
)
def test_full_cycle_from_complaint_to_result(units: dict, language: str, marker: str, suffix: str) -> None:
    complainant = Client()
    assert complainant.get(f"/{language}/complaints/").status_code == 200
    response = _submit(
        complainant,
        language,
        text=f"{marker}: he said my report would be lost otherwise.",
        staff="Zhang, badge 0417",
        unit="Harbour district office",
        occurred="last Tuesday",
    )
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    page = response.content.decode()
    code = re.search(r'data-receipt-code="(\d{16})"', page).group(1)  # type: ignore[union-attr]
    complaint = Complaint.objects.get()
    assert complaint.public_id.startswith("C") and len(complaint.public_id) == 10
    assert complaint.public_id in page and complaint.language == suffix
    assert Case.objects.count() == 0  # a complaint is not a report: it never enters the case workspace

    # Before oversight has looked at it, the complainant sees "received".
    assert complainant.post(f"/{language}/follow-up/", {"receipt": receipt_format(code)})[
        "Location"
    ].endswith(f"/{language}/follow-up/complaint/")
    status_page = complainant.get(f"/{language}/follow-up/complaint/").content.decode()
    assert _label(language, ComplaintStatus.RECEIVED) in status_page and complaint.public_id in status_page

    staff, auditor = _auditor_client(units)
    queue = staff.get("/staff/complaints/").content.decode()
    assert complaint.public_id in queue and marker not in queue  # the list decrypts nothing
    detail = staff.get(f"/staff/complaints/{complaint.public_id}/").content.decode()
    assert marker in detail and "badge 0417" in detail and "Harbour district office" in detail
    assert AuditEvent.objects.filter(
        action="complaint.content_read", subject=complaint.public_id, actor_id=auditor.pk
    ).exists()
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.UNDER_REVIEW
    assert (
        _label(language, ComplaintStatus.UNDER_REVIEW)
        in complainant.get(f"/{language}/follow-up/complaint/").content.decode()
    )

    result = "The officer was suspended; the report was reassigned and is being handled."
    recorded = staff.post(f"/staff/complaints/{complaint.public_id}/result/", {"result": result})
    assert recorded.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RESULT_RECORDED and complaint.result_by == auditor
    assert result.encode() not in bytes(complaint.result)
    assert AuditEvent.objects.filter(action="complaint.result_recorded", subject=complaint.public_id).exists()

    # The complainant comes back later, on another device, with the code alone.
    later = Client()
    assert later.post(f"/{language}/follow-up/", {"receipt": code}).status_code == 302
    final = later.get(f"/{language}/follow-up/complaint/").content.decode()
    assert result in final and _label(language, ComplaintStatus.RESULT_RECORDED) in final


def test_the_pages_link_to_each_other(units: dict, client: Client) -> None:
    home = client.get("/en/").content.decode()
    assert 'href="/en/complaints/"' in home
    about = client.get("/en/complaints/").content.decode()
    assert "oversight" in about and 'href="/en/complaints/new/"' in about
    form = client.get("/en/complaints/new/")
    assert form.status_code == 200 and "no-cache" in form["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in form.content.decode()


def test_a_retried_submit_returns_the_same_receipt(units: dict, client: Client) -> None:
    token = _form_token(client.get("/en/complaints/new/").content.decode())
    data = {"submission_token": token, "text": MARKER}
    first = client.post("/en/complaints/new/", data).content.decode()
    again = client.post("/en/complaints/new/", data).content.decode()
    code = re.search(r'data-receipt-code="(\d{16})"', first).group(1)  # type: ignore[union-attr]
    assert f'data-receipt-code="{code}"' in again
    assert Complaint.objects.count() == 1 and ComplaintSubmission.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"text": ""},
        {"text": "   "},
        {"text": "x" * 20_001},
        {"text": "ok", "staff": "y" * 2_001},
        {"text": "ok", "contact": "z" * 2_001},
        {"text": "ok", "submission_token": "short"},
        {"text": "ok", "submission_token": ""},
    ],
)
def test_bad_input_stores_nothing(units: dict, client: Client, data: dict) -> None:
    keys_before = DataKey.objects.count()
    token = _form_token(client.get("/en/complaints/new/").content.decode())
    response = client.post("/en/complaints/new/", {"submission_token": token, **data})
    assert response.status_code == 400
    assert "Nothing has been sent yet" in response.content.decode()
    assert Complaint.objects.count() == 0 and ComplaintSubmission.objects.count() == 0
    assert DataKey.objects.count() == keys_before
    assert not AuditEvent.objects.filter(action="complaint.registered").exists()


def test_posting_without_csrf_token_is_refused(units: dict) -> None:
    client = Client(enforce_csrf_checks=True)
    token = _form_token(client.get("/en/complaints/new/").content.decode())
    response = client.post("/en/complaints/new/", {"submission_token": token, "text": MARKER})
    assert response.status_code == 403 and Complaint.objects.count() == 0


def test_a_reused_token_with_other_content_is_refused(units: dict, client: Client) -> None:
    token = _form_token(client.get("/en/complaints/new/").content.decode())
    assert client.post("/en/complaints/new/", {"submission_token": token, "text": "first"}).status_code == 200
    response = client.post("/en/complaints/new/", {"submission_token": token, "text": "something else"})
    assert response.status_code == 409 and Complaint.objects.count() == 1


def test_service_refuses_bad_drafts(units: dict) -> None:
    with pytest.raises(SubmissionInvalid) as invalid:
        complaint_submit(draft=ComplaintDraft(language="fr", text=" "), token=token_make())
    assert {p.field for p in invalid.value.problems} == {"language", "text"}
    with pytest.raises(SubmissionInvalid):
        complaint_submit(draft=ComplaintDraft(language="en", text="a\x00b"), token=token_make())
    assert Complaint.objects.count() == 0


def test_one_token_used_for_a_report_and_a_complaint_gives_two_codes(units: dict) -> None:
    from tipline.intake.services import report_submit
    from tipline.reporters.selectors import receipt_holder
    from tipline.testsupport.factories import draft_make

    token = token_make()
    report = report_submit(draft=draft_make(), token=token)
    complaint = complaint_submit(draft=ComplaintDraft(language="en", text=MARKER), token=token)
    assert report.code != complaint.code
    assert receipt_holder(report.code).public_id == report.report_public_id  # type: ignore[union-attr]
    assert receipt_holder(complaint.code).public_id == complaint.report_public_id  # type: ignore[union-attr]


def test_the_stored_complaint_holds_no_plaintext(units: dict) -> None:
    receipt = _complaint_make(
        text=f"{MARKER} {MARKER_ZH}", staff="Badge-0417-Zhang", contact="complainant@example.cn"
    )
    complaint = Complaint.objects.get()
    auditor = staff_make(Role.AUDITOR, units["national"])
    complaint_result_record(acting=auditor, complaint=complaint, result="Result-Marker-Suspended")
    needles = [
        MARKER.encode(),
        MARKER_ZH.encode("utf-8"),
        b"Badge-0417",
        b"complainant@example.cn",
        b"Result-Marker",
        str(receipt.code).encode(),
    ]
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names from the schema
            for row in cursor.fetchall():
                raw = b"\x00".join(
                    bytes(value) if isinstance(value, bytes | memoryview) else str(value).encode("utf-8")
                    for value in row
                )
                for needle in needles:
                    assert needle not in raw, (table, needle)


def test_the_queue_is_newest_first_filtered_paginated_and_of_constant_cost(
    units: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff, auditor = _auditor_client(units)
    first = _complaint_make().report_public_id
    second = _complaint_make().report_public_id
    complaint_result_record(acting=auditor, complaint=Complaint.objects.get(public_id=first), result="done")
    page = staff.get("/staff/complaints/").content.decode()
    assert page.index(second) < page.index(first)
    recorded = staff.get("/staff/complaints/?status=result_recorded").content.decode()
    assert first in recorded and second not in recorded
    with CaptureQueriesContext(connection) as few:
        assert staff.get("/staff/complaints/").status_code == 200
    for _n in range(6):
        complaint_result_record(
            acting=auditor,
            complaint=Complaint.objects.get(public_id=_complaint_make().report_public_id),
            result="done",
        )
    with CaptureQueriesContext(connection) as many:
        assert staff.get("/staff/complaints/").status_code == 200
    assert len(many) == len(few)
    monkeypatch.setattr(complaints_module, "QUEUE_PAGE_SIZE", 3)
    second_page = staff.get("/staff/complaints/?page=3").content.decode()
    assert first in second_page and 'rel="prev"' in second_page


@pytest.mark.parametrize("role", NOT_AUDITORS)
def test_no_other_role_reaches_complaints(units: dict, role: Role) -> None:
    public_id = _complaint_make().report_public_id
    user = staff_enrolled(role, units["national"])
    client = staff_sign_in(Client(), user)
    assert client.get("/staff/complaints/").status_code == 403
    assert client.get(f"/staff/complaints/{public_id}/").status_code == 403
    assert client.post(f"/staff/complaints/{public_id}/result/", {"result": "closed"}).status_code == 403
    workspace = client.get("/staff/password/")
    assert workspace.status_code == 200 and "/staff/complaints/" not in workspace.content.decode()
    complaint = Complaint.objects.get()
    assert complaint.status == ComplaintStatus.RECEIVED and complaint.result is None
    assert not AuditEvent.objects.filter(subject=public_id).exclude(action="complaint.registered").exists()
    assert not complaints_visible_to(user).exists()
    with pytest.raises(PermissionDenied):
        complaint_content_open(acting=user, complaint=complaint)
    with pytest.raises(PermissionDenied):
        complaint_result_record(acting=user, complaint=complaint, result="closed")


def test_case_selectors_never_return_complaints(units: dict) -> None:
    report = report_make()
    complaint = _complaint_make()
    assert Case.objects.count() == 1
    for role in Role:
        user = staff_make(role, units["national"])
        ids = {case.report.public_id for case in queue_cases(user, QueueFilters(state="all"))}
        assert complaint.report_public_id not in ids
        assert not cases_visible_to(user).filter(report__public_id=complaint.report_public_id).exists()
    supervisor = staff_sign_in(Client(), staff_enrolled(Role.SUPERVISOR, units["national"]))
    queue = supervisor.get("/staff/cases/?state=all").content.decode()
    assert report.report_public_id in queue and complaint.report_public_id not in queue
    assert supervisor.get(f"/staff/cases/{complaint.report_public_id}/").status_code == 404


def test_staff_pages_need_a_staff_sign_in(units: dict, client: Client) -> None:
    public_id = _complaint_make().report_public_id
    for url in ("/staff/complaints/", f"/staff/complaints/{public_id}/"):
        response = client.get(url)
        assert response.status_code == 302 and "/staff/sign-in/" in response["Location"]
    staff, _auditor = _auditor_client(units)
    assert staff.get("/staff/complaints/C000000000/").status_code == 404
    assert "/staff/complaints/" in staff.get("/staff/password/").content.decode()  # oversight's menu has it


def test_a_result_is_required_and_recorded_once(units: dict) -> None:
    staff, auditor = _auditor_client(units)
    public_id = _complaint_make().report_public_id
    refused = staff.post(f"/staff/complaints/{public_id}/result/", {"result": "  "})
    assert refused.status_code == 400
    assert (
        Complaint.objects.get().status == ComplaintStatus.UNDER_REVIEW
    )  # the page was opened, nothing recorded
    assert staff.post(f"/staff/complaints/{public_id}/result/", {"result": "first"}).status_code == 302
    again = staff.post(f"/staff/complaints/{public_id}/result/", {"result": "second"})
    assert again.status_code == 400
    complaint = Complaint.objects.get()
    with pytest.raises(SubmissionInvalid):
        complaint_result_record(acting=auditor, complaint=complaint, result="third")
    assert complaints_module.complaint_result_text(complaint) == "first"
    assert AuditEvent.objects.filter(action="complaint.result_recorded").count() == 1


def test_script_in_a_complaint_is_shown_escaped(units: dict) -> None:
    staff, _auditor = _auditor_client(units)
    public_id = _complaint_make(text="<script>alert('x')</script>").report_public_id
    page = staff.get(f"/staff/complaints/{public_id}/").content.decode()
    assert "<script>alert(" not in page and "&lt;script&gt;alert(" in page


def test_complaint_and_report_cookies_open_only_their_own_pages(units: dict) -> None:
    report = report_make()
    complaint = _complaint_make()
    for_complaint, for_report = Client(), Client()
    for_complaint.post("/en/follow-up/", {"receipt": complaint.code})
    for_report.post("/en/follow-up/", {"receipt": report.code})
    cookie = for_complaint.cookies[COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    assert complaint.report_public_id not in cookie.value and str(complaint.code) not in cookie.value
    assert for_complaint.get("/en/follow-up/report/")["Location"].endswith("/en/follow-up/complaint/")
    assert for_complaint.post("/en/follow-up/report/message/", {"text": "hi"}).status_code == 302
    assert for_report.get("/en/follow-up/complaint/")["Location"].endswith("/en/follow-up/")
    assert complaint_for_receipt(complaint.code) == Complaint.objects.get()
    assert complaint_for_receipt(report.code) is None
    for_complaint.post("/en/follow-up/sign-out/")
    assert for_complaint.get("/en/follow-up/complaint/").status_code == 302


def test_sign_in_derives_the_lookup_keys_once(
    units: dict, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    complaint = _complaint_make()
    calls: list[str] = []
    derive = selectors.receipt_lookup_candidates

    def counting(code: Any) -> list[bytes]:
        calls.append(code)
        return derive(code)

    monkeypatch.setattr(selectors, "receipt_lookup_candidates", counting)
    assert client.post("/en/follow-up/", {"receipt": complaint.code}).status_code == 302
    wrong = "0000000000000000" if complaint.code != "0000000000000000" else "1111111111111111"
    assert client.post("/en/follow-up/", {"receipt": wrong}).status_code == 400
    assert len(calls) == 2


def test_wrong_complaint_codes_are_throttled_like_report_codes(
    units: dict, client: Client, settings: Any
) -> None:
    settings.TIPLINE_RECEIPT_FAILURES_ALLOWED = 3
    complaint = _complaint_make()
    for _n in range(5):  # right codes never count against the allowance
        assert client.post("/en/follow-up/", {"receipt": complaint.code}).status_code == 302
    for guess in range(3):
        response = client.post("/en/follow-up/", {"receipt": f"{guess:016d}"})
        assert response.status_code == 400 and "No report has this receipt code" in response.content.decode()
    blocked = client.post("/en/follow-up/", {"receipt": complaint.code})
    assert blocked.status_code == 429 and "Too many wrong codes" in blocked.content.decode()
    assert Client().post("/en/follow-up/", {"receipt": complaint.code}).status_code == 429
