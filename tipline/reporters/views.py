"""Follow-up with the receipt code: status, conversation, more information and files, protection requests."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tipline.intake.attachment_types import ACCEPTED_DESCRIPTION
from tipline.intake.models import Report
from tipline.intake.submissions import SubmissionInvalid
from tipline.intake.views import incoming_files, upload_problem_messages
from tipline.reporters.followup_session import followup_cookie_clear, followup_cookie_set, followup_report
from tipline.reporters.forms import MessageForm, ProtectionRequestForm, ReceiptSignInForm
from tipline.reporters.selectors import report_for_receipt, reporter_thread
from tipline.reporters.services import protection_request_submit, reporter_files_add, reporter_message_add
from tipline.reporters.throttle import receipt_attempts_exhausted, receipt_failure_record
from tipline.vault.receipts import receipt_parse

ReportView = Callable[[HttpRequest, Report], HttpResponse]


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    return response


def reporter_required(view: ReportView) -> Callable[[HttpRequest], HttpResponse]:
    """Opens the report named by the follow-up cookie, renews the cookie, or sends the reporter to sign in."""

    @wraps(view)
    def wrapper(request: HttpRequest) -> HttpResponse:
        report = followup_report(request)
        if report is None:
            return redirect("reporters:sign_in")
        response = view(request, report)
        followup_cookie_set(response, report)
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
        code = receipt_parse(form.cleaned_data["receipt"])
        report = report_for_receipt(code) if code else None
        if report is None:
            receipt_failure_record(client_key)
            message = (
                _("A receipt code has 16 digits. Check what you typed.")
                if code is None
                else _("No report has this receipt code. Check the digits and try again.")
            )
            form.add_error("receipt", message)
            return _private(render(request, "reporters/sign_in.html", {"form": form}, status=400))
        response = redirect("reporters:case")
        followup_cookie_set(response, report)
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
