"""The staff workspace: the queue, the case view and its actions, identity custody, staff-entered reports."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from tipline.accounts.models import Role, StaffUser
from tipline.accounts.staff_session import staff_private_key, staff_required
from tipline.audit.services import Actor
from tipline.cases import services
from tipline.cases.forms import (
    AssignForm,
    CloseForm,
    IdentityDecisionForm,
    NoteForm,
    QuestionForm,
    QueueFilterForm,
    ReasonForm,
    ScreenForm,
    StaffReportForm,
    TransferForm,
)
from tipline.cases.models import Case, CaseNote
from tipline.cases.permissions import allowed_actions
from tipline.cases.selectors import (
    assignable_handlers,
    calendar_years_missing_soon,
    case_for_staff,
    case_history,
    identity_grant_for,
    identity_requests_for,
    pending_identity_request,
    queue_page,
)
from tipline.intake.attachment_store import attachment_blob_read
from tipline.intake.bindings import attachment_name_binding
from tipline.intake.forms import submission_token_new
from tipline.intake.models import Attachment
from tipline.intake.services import report_submit
from tipline.intake.submissions import SubmissionInvalid, SubmissionTokenReused
from tipline.reporters.selectors import reporter_thread
from tipline.vault import envelope
from tipline.vault.receipts import SubmissionToken, receipt_format

CONTENT_ROLES = (Role.INTAKE_OFFICER, Role.HANDLER, Role.SUPERVISOR)
IDENTITY_LABELS = {
    "name": _lazy("Name"),
    "contact_person": _lazy("Contact person"),
    "id_number": _lazy("ID or registration number"),
    "phone": _lazy("Telephone"),
    "email": _lazy("E-mail"),
    "address": _lazy("Postal address"),
}


def _staff(request: HttpRequest) -> StaffUser:
    return request.user  # type: ignore[return-value]


@staff_required(*CONTENT_ROLES)
def queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None)
    page = queue_page(_staff(request), form.filters(), request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/queue.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "calendar_missing": calendar_years_missing_soon(),
            "case_url": reverse("cases:queue"),  # resolved once, not twice per row of 50
        },
    )


def _attachment_rows(case: Case) -> list[dict[str, Any]]:
    report = case.report
    return [
        {"id": a.id, "media_type": a.media_type, "size": a.size, "added_at": a.added_at, "added_by": a.get_added_by_display(),
         "name": envelope.decrypt(report.content_key, bytes(a.name_sealed),
                                  binding=attachment_name_binding(report.public_id, a.id)).decode("utf-8")}
        for a in Attachment.objects.filter(report=report).order_by("added_at")
    ]  # fmt: skip


def _case_page(
    request: HttpRequest, case: Case, forms: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    user = _staff(request)
    content = services.case_content_open(acting=user, case=case)
    notes = [(note, services.unseal(case, note.body, "note")) for note in
             CaseNote.objects.filter(case=case).select_related("author")]  # fmt: skip
    actions = allowed_actions(user, case)
    context: dict[str, Any] = {
        "case": case,
        "report": case.report,
        "content": content,
        "attachments": _attachment_rows(case),
        "thread": reporter_thread(case.report),
        "notes": notes,
        "history": case_history(case),
        "actions": actions,
        "outcome_reason": services.unseal(case, case.outcome_reason, "outcome-reason")
        if case.outcome
        else "",
        "identity_grant": identity_grant_for(user, case),
        "identity_pending": pending_identity_request(case),
        "screen_form": ScreenForm(),
        "assign_form": AssignForm(handlers=assignable_handlers(case)),
        "transfer_form": TransferForm(),
        "question_form": QuestionForm(),
        "note_form": NoteForm(),
        "close_form": CloseForm(),
        "urgent_form": ReasonForm(),
        "identity_form": ReasonForm(),
        "identity": None,
    }
    context.update(forms or {})
    return render(request, "cases/case_detail.html", context, status=status)


@staff_required(*CONTENT_ROLES)
def case_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    return _case_page(request, case_for_staff(_staff(request), public_id))


CaseAction = Callable[[StaffUser, Case, dict[str, Any]], None]
_ACTION_FORMS: dict[str, tuple[str, Any, CaseAction]] = {
    "acknowledge": ("", None, lambda u, c, d: services.case_acknowledge(acting=u, case=c)),
    "screen": ("screen_form", ScreenForm, lambda u, c, d: services.case_screen(acting=u, case=c, **d)),
    "transfer": (
        "transfer_form",
        TransferForm,
        lambda u, c, d: services.case_transfer(acting=u, case=c, **d),
    ),
    "ask": ("question_form", QuestionForm, lambda u, c, d: services.case_question_ask(acting=u, case=c, **d)),
    "note": ("note_form", NoteForm, lambda u, c, d: services.case_note_add(acting=u, case=c, **d)),
    "close": ("close_form", CloseForm, lambda u, c, d: services.case_close(acting=u, case=c, **d)),
    "urgent": ("urgent_form", ReasonForm, lambda u, c, d: services.case_urgent_set(acting=u, case=c, **d)),
    "request-identity": (
        "identity_form",
        ReasonForm,
        lambda u, c, d: services.identity_request_create(acting=u, case=c, **d),
    ),
}
_DONE = {
    "acknowledge": _lazy("Acknowledged."), "screen": _lazy("Screening recorded."), "assign": _lazy("Assigned."),
    "transfer": _lazy("Transferred."), "ask": _lazy("Question sent to the reporter."), "note": _lazy("Note added."),
    "close": _lazy("Case closed."), "urgent": _lazy("Marked urgent; the duty officer is being notified."),
    "request-identity": _lazy("Request sent to the identity custodians."),
}  # fmt: skip


@require_POST
@staff_required(*CONTENT_ROLES)
def case_action(request: HttpRequest, public_id: str, action: str) -> HttpResponse:
    user = _staff(request)
    case = case_for_staff(user, public_id)
    if action == "assign":
        form_name, form = "assign_form", AssignForm(request.POST, handlers=assignable_handlers(case))
        perform: CaseAction = lambda u, c, d: services.case_assign(acting=u, case=c, **d)  # noqa: E731
    elif action in _ACTION_FORMS:
        form_name, form_class, perform = _ACTION_FORMS[action]
        form = form_class(request.POST) if form_class else None
    else:
        raise Http404
    if form is not None and not form.is_valid():
        return _case_page(request, case, {form_name: form}, status=400)
    try:
        perform(user, case, form.cleaned_data if form is not None else {})
    except SubmissionInvalid as invalid:
        if form is None:
            raise PermissionDenied from None
        for problem in invalid.problems:
            form.add_error(problem.field if problem.field in form.fields else None, problem.message)
        return _case_page(request, case, {form_name: form}, status=400)
    messages.success(request, str(_DONE[action]))
    if not case_still_visible(user, public_id):
        return redirect("cases:queue")
    return redirect("cases:case_detail", public_id=public_id)


def case_still_visible(user: StaffUser, public_id: str) -> bool:
    try:
        case_for_staff(user, public_id)
    except Http404:
        return False
    return True


@staff_required(*CONTENT_ROLES)
def attachment_download(request: HttpRequest, public_id: str, attachment_id: str) -> HttpResponse:
    """The decrypted file, as a download with the type detected at upload (never rendered in the workspace)."""
    user = _staff(request)
    case = case_for_staff(user, public_id)
    attachment = get_object_or_404(Attachment, report=case.report, id=attachment_id)
    services.case_attachment_opened(acting=user, case=case, attachment_id=attachment.id)
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - handed to FileResponse, which closes it
    attachment_blob_read(
        case.report.attachment_key, spool, report_public_id=case.report.public_id, attachment_id=attachment.id
    )
    spool.seek(0)
    extension = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "application/pdf": ".pdf",
                 "text/plain": ".txt"}.get(attachment.media_type, ".bin")  # fmt: skip
    response = FileResponse(spool, as_attachment=True, filename=f"{case.report.public_id}-{str(attachment.id)[:8]}{extension}",
                            content_type=attachment.media_type)  # fmt: skip
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_required(*CONTENT_ROLES)
def identity_show(request: HttpRequest, public_id: str) -> HttpResponse:
    """A handler with an approved request sees the identity (opened with their own key, and audited)."""
    user = _staff(request)
    case = case_for_staff(user, public_id)
    identity = services.identity_reveal(acting=user, case=case, private=staff_private_key(request))
    rows = [
        (IDENTITY_LABELS[key], value) for key, value in identity.items() if key in IDENTITY_LABELS and value
    ]
    return _case_page(request, case, {"identity": rows})


@staff_required(Role.IDENTITY_CUSTODIAN, Role.HANDLER, Role.SUPERVISOR)
def identity_requests(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    rows = []
    for item in identity_requests_for(user).order_by("-requested_at")[:200]:
        rows.append({"request": item, "reason": services.unseal(item.case, item.reason, "identity-request"),
                     "decision_reason": services.unseal(item.case, item.decision_reason, "identity-decision")})  # fmt: skip
    return render(request, "cases/identity_requests.html", {"rows": rows, "form": IdentityDecisionForm(),
                                                            "is_custodian": user.role == Role.IDENTITY_CUSTODIAN})  # fmt: skip


@require_POST
@staff_required(Role.IDENTITY_CUSTODIAN)
def identity_decide(request: HttpRequest, request_id: int) -> HttpResponse:
    user = _staff(request)
    item = get_object_or_404(identity_requests_for(user), pk=request_id)
    form = IdentityDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.identity_request_decide(
                acting=user, request=item, approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["decision_reason"], custodian_private=staff_private_key(request),
            )  # fmt: skip
        except SubmissionInvalid as invalid:
            messages.error(request, invalid.problems[0].message)
        else:
            messages.success(request, _("Decision recorded."))
    else:
        messages.error(request, _("Choose approve or refuse and give a reason."))
    return redirect("cases:identity_requests")


@require_http_methods(["GET", "POST"])
@staff_required(Role.INTAKE_OFFICER)
def staff_report_new(request: HttpRequest) -> HttpResponse:
    """Telephone, letter, in-person and transferred reports, through the same service as web reports."""
    if request.method == "GET":
        form = StaffReportForm(initial={"submission_token": submission_token_new(), "language": "zh"})
        return render(request, "cases/staff_report_form.html", {"form": form})
    form = StaffReportForm(request.POST)
    if form.is_valid():
        try:
            receipt = report_submit(draft=form.draft(), token=SubmissionToken(form.cleaned_data["submission_token"]),
                                    acting=Actor.staff(_staff(request).pk))  # fmt: skip
        except SubmissionTokenReused:
            form.add_error(None, _("This form was already sent. Open a new form for another report."))
        except SubmissionInvalid as invalid:
            for problem in invalid.problems:
                form.add_error(problem.field if problem.field in form.fields else None, problem.message)
        else:
            return render(request, "cases/staff_receipt.html",
                          {"receipt": receipt, "receipt_display": receipt_format(receipt.code)})  # fmt: skip
    return render(request, "cases/staff_report_form.html", {"form": form}, status=400)
