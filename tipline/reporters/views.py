"""Follow-up with the receipt code: status, conversation, more information and files, protection requests; and the
public side of complaints about staff: the explanation, the form, its receipt and the complaint's status."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tipline.intake.attachment_types import ACCEPTED_DESCRIPTION
from tipline.intake.flood_control import submission_gate
from tipline.intake.forms import submission_token_new
from tipline.intake.models import Report
from tipline.intake.submissions import SubmissionInvalid, SubmissionTokenReused
from tipline.intake.views import incoming_files, upload_problem_messages
from tipline.reporters.complaints import complaint_result_text, complaint_submit
from tipline.reporters.followup_session import (
    followup_complaint,
    followup_cookie_clear,
    followup_cookie_set,
    followup_holds_complaint,
    followup_report,
)
from tipline.reporters.forms import ComplaintForm, MessageForm, ProtectionRequestForm, ReceiptSignInForm
from tipline.reporters.models import Complaint
from tipline.reporters.selectors import receipt_holder, reporter_thread
from tipline.reporters.services import protection_request_submit, reporter_files_add, reporter_message_add
from tipline.reporters.throttle import (
    receipt_attempts_exhausted,
    receipt_code_attempt_allowed,
    receipt_failure_record,
)
from tipline.vault.receipts import SubmissionToken, receipt_format, receipt_parse

ReportView = Callable[[HttpRequest, Report], HttpResponse]
ComplaintView = Callable[[HttpRequest, Complaint], HttpResponse]


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    return response


def reporter_required(view: ReportView) -> Callable[[HttpRequest], HttpResponse]:
    """Opens the report named by the follow-up cookie, renews the cookie, or sends the reporter to sign in."""

    @wraps(view)
    def wrapper(request: HttpRequest) -> HttpResponse:
        report = followup_report(request)
        if report is None:
            if followup_holds_complaint(request):
                return _private(redirect("reporters:complaint_status"))
            return redirect("reporters:sign_in")
        response = view(request, report)
        followup_cookie_set(response, report)
        return _private(response)

    return wrapper


def complainant_required(view: ComplaintView) -> Callable[[HttpRequest], HttpResponse]:
    """Opens the complaint named by the follow-up cookie, renews the cookie, or sends the person to sign in."""

    @wraps(view)
    def wrapper(request: HttpRequest) -> HttpResponse:
        complaint = followup_complaint(request)
        if complaint is None:
            return redirect("reporters:sign_in")
        response = view(request, complaint)
        followup_cookie_set(response, complaint)
        return _private(response)

    return wrapper


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = ReceiptSignInForm(request.POST or None)
    client_key = getattr(request, "client_key", "")
    if request.method == "POST" and form.is_valid():
        if receipt_attempts_exhausted(client_key):
            form.add_error(
                None, _("Too many wrong codes from this connection. Wait 15 minutes, then try again.")
            )
            return _private(render(request, "reporters/sign_in.html", {"form": form}, status=429))
        gate = submission_gate(client_key=client_key, proof=request.POST.get("altcha"), purpose="sign-in",
                               allow_without_proof=True)  # fmt: skip
        if not gate.allowed:
            form.add_error(None, gate.message)
            return _private(render(request, "reporters/sign_in.html", {"form": form}, status=gate.status))
        code = receipt_parse(form.cleaned_data["receipt"])
        if code is not None and not receipt_code_attempt_allowed(code):
            form.add_error(None, _("This code was tried too often. Wait an hour, then try again."))
            return _private(render(request, "reporters/sign_in.html", {"form": form}, status=429))
        # A code opens the report or the complaint it was issued for; the lookup keys are derived only once.
        opened = receipt_holder(code) if code else None
        if opened is None:
            receipt_failure_record(client_key)
            message = (
                _("A receipt code has 16 digits. Check what you typed.")
                if code is None
                else _("No report has this receipt code. Check the digits and try again.")
            )
            form.add_error("receipt", message)
            return _private(render(request, "reporters/sign_in.html", {"form": form}, status=400))
        response = redirect(
            "reporters:complaint_status" if isinstance(opened, Complaint) else "reporters:case"
        )
        followup_cookie_set(response, opened)
        return _private(response)
    status = 400 if request.method == "POST" else 200
    return _private(render(request, "reporters/sign_in.html", {"form": form}, status=status))


def _case_page(
    request: HttpRequest,
    report: Report,
    *,
    message_form: MessageForm | None = None,
    file_errors: list[str] | None = None,
    notice: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "reporters/case.html",
        {
            "report": report,
            "thread": reporter_thread(report),
            "attachment_count": report.attachments.count(),
            "message_form": message_form or MessageForm(),
            "file_errors": file_errors or [],
            "notice": notice,
            "accepted_files": ACCEPTED_DESCRIPTION,
        },
        status=status,
    )


@reporter_required
def case(request: HttpRequest, report: Report) -> HttpResponse:
    notice = {
        "message": _("Your message was sent."),
        "files": _("Your files were added."),
        "protection": _("Your request for protection was sent. It is treated as urgent."),
    }.get(request.GET.get("sent", ""), "")
    return _case_page(request, report, notice=notice)


@require_POST
@reporter_required
def message_add(request: HttpRequest, report: Report) -> HttpResponse:
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _case_page(request, report, message_form=form, status=400)
    try:
        reporter_message_add(report=report, text=form.cleaned_data["text"])
    except SubmissionInvalid as invalid:
        for problem in invalid.problems:
            form.add_error("text", problem.message)
        return _case_page(request, report, message_form=form, status=400)
    return redirect_with(request, "sent=message")


@require_POST
@reporter_required
def files_add(request: HttpRequest, report: Report) -> HttpResponse:
    file_errors = upload_problem_messages(request)
    if not file_errors:
        try:
            reporter_files_add(report=report, files=incoming_files(request))
        except SubmissionInvalid as invalid:
            file_errors = [problem.message for problem in invalid.problems]
    if file_errors:
        return _case_page(request, report, file_errors=file_errors, status=400)
    return redirect_with(request, "sent=files")


@require_http_methods(["GET", "POST"])
@reporter_required
def protection(request: HttpRequest, report: Report) -> HttpResponse:
    form = ProtectionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            protection_request_submit(report=report, **form.cleaned_data)
        except SubmissionInvalid as invalid:
            for problem in invalid.problems:
                form.add_error(problem.field if problem.field in form.fields else None, problem.message)
        else:
            return redirect_with(request, "sent=protection")
    status = 400 if request.method == "POST" else 200
    return render(request, "reporters/protection.html", {"form": form, "report": report}, status=status)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    response = redirect("reporters:sign_in")
    followup_cookie_clear(response)
    return _private(response)


def redirect_with(request: HttpRequest, query: str) -> HttpResponse:
    from django.urls import reverse

    return redirect(f"{reverse('reporters:case')}?{query}")


# --- complaints about staff ----------------------------------------------------------------------------------------


def complaint_info(request: HttpRequest) -> HttpResponse:
    return render(request, "reporters/complaint_info.html")


def _complaint_form_page(request: HttpRequest, form: ComplaintForm, status: int = 200) -> HttpResponse:
    return _private(render(request, "reporters/complaint_form.html", {"form": form}, status=status))


@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _complaint_form_page(
            request, ComplaintForm(initial={"submission_token": submission_token_new()})
        )
    form = ComplaintForm(request.POST)
    gate = submission_gate(client_key=getattr(request, "client_key", ""), proof=request.POST.get("altcha"),
                           purpose="complaint", allow_without_proof=True)  # fmt: skip
    if not gate.allowed:
        form.is_valid()
        form.add_error(None, gate.message)
        return _complaint_form_page(request, form, status=gate.status)
    if not form.is_valid():
        return _complaint_form_page(request, form, status=400)
    try:
        receipt = complaint_submit(
            draft=form.draft(), token=SubmissionToken(form.cleaned_data["submission_token"])
        )
    except SubmissionInvalid as invalid:
        for problem in invalid.problems:
            form.add_error(problem.field if problem.field in form.fields else None, problem.message)
        return _complaint_form_page(request, form, status=400)
    except SubmissionTokenReused:
        return _private(
            render(
                request,
                "publications/problem.html",
                {
                    "title": _("This form was already sent"),
                    "message": _(
                        "Something was already sent with this form. To make another complaint, open a new form."
                    ),
                    "next_url_name": "reporters:complaint_new",
                    "next_label": _("Open a new complaint form"),
                },
                status=409,
            )
        )
    # As for reports: the receipt is in the answer to the POST and nowhere else. Reloading re-sends the form,
    # which returns this same receipt.
    response = render(
        request,
        "reporters/complaint_receipt.html",
        {"receipt": receipt, "receipt_groups": receipt_format(receipt.code).split()},
    )
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-store"
    return response


@complainant_required
def complaint_status(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    return render(
        request,
        "reporters/complaint_status.html",
        {"complaint": complaint, "result": complaint_result_text(complaint)},
    )
