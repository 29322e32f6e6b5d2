"""The web report form and the receipt page."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tipline.intake.attachment_types import ACCEPTED_DESCRIPTION
from tipline.intake.flood_control import submission_gate
from tipline.intake.forms import ReportForm, submission_token_new
from tipline.intake.services import report_submit
from tipline.intake.submissions import (
    ATTACHMENT_PROBLEM_MESSAGES,
    IncomingFile,
    SubmissionInvalid,
    SubmissionTokenReused,
)
from tipline.intake.uploads import upload_problems
from tipline.vault.receipts import SubmissionToken, receipt_format


def incoming_files(request: HttpRequest, field: str = "attachments") -> list[IncomingFile]:
    return [
        IncomingFile(
            path=Path(upload.temporary_file_path()),
            original_name=upload.name or "",
            size=upload.size or 0,
            digest=getattr(upload, "digest", b""),
        )
        for upload in request.FILES.getlist(field)
    ]


def upload_problem_messages(request: HttpRequest) -> list[str]:
    return [
        f"{name}: {ATTACHMENT_PROBLEM_MESSAGES[reason]}" if name else str(ATTACHMENT_PROBLEM_MESSAGES[reason])
        for name, reason in upload_problems(request)
    ]


def _form_page(
    request: HttpRequest, form: ReportForm, file_errors: list[str], status: int = 200
) -> HttpResponse:
    response = render(
        request,
        "intake/report_form.html",
        {
            "form": form,
            "file_errors": file_errors,
            "accepted_files": ACCEPTED_DESCRIPTION,
            "max_file_mb": settings.TIPLINE_MAX_FILE_BYTES // (1024 * 1024),
            "max_files": settings.TIPLINE_MAX_FILES_PER_SUBMISSION,
        },
        status=status,
    )
    # Private and revalidated, but not "no-store": going Back to the form must bring back the same page with
    # the same submission token, so that sending it again returns the same receipt instead of a second report.
    response["Cache-Control"] = "private, no-cache, max-age=0"
    return response


@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _form_page(request, ReportForm(initial={"submission_token": submission_token_new()}), [])

    form = ReportForm(request.POST)
    gate = submission_gate(client_key=getattr(request, "client_key", ""), proof=request.POST.get("altcha"),
                           purpose="report", allow_without_proof=True)  # fmt: skip
    if not gate.allowed:
        form.is_valid()  # keep what was typed, with its own errors
        form.add_error(None, gate.message)
        return _form_page(request, form, [], status=gate.status)
    file_errors = upload_problem_messages(request)
    if not form.is_valid() or file_errors:
        return _form_page(request, form, file_errors, status=400)
    try:
        receipt = report_submit(
            draft=form.draft(),
            token=SubmissionToken(form.cleaned_data["submission_token"]),
            files=incoming_files(request),
        )
    except SubmissionInvalid as invalid:
        for problem in invalid.problems:
            if problem.field.startswith("attachments"):
                file_errors.append(
                    _("File %(number)s: %(message)s")
                    % {
                        "number": int(problem.field.split("[")[1].rstrip("]")) + 1
                        if "[" in problem.field
                        else "",
                        "message": problem.message,
                    }
                )
            else:
                form.add_error(problem.field if problem.field in form.fields else None, problem.message)
        return _form_page(request, form, file_errors, status=400)
    except SubmissionTokenReused:
        response = render(
            request,
            "publications/problem.html",
            {
                "title": _("This form was already sent"),
                "message": _(
                    "A report was already made with this form. To send another report, open a new form."
                ),
                "next_url_name": "intake:report_new",
                "next_label": _("Open a new report form"),
            },
            status=409,
        )
        add_never_cache_headers(response)
        return response

    # The receipt is shown in the answer to the POST itself and nowhere else: it is never stored, and the page
    # must not be cached. Reloading re-sends the form, which returns this same receipt (idempotent submit).
    response = render(
        request,
        "intake/receipt.html",
        {
            "receipt": receipt,
            "receipt_groups": receipt_format(receipt.code).split(),
            # The page answers a POST and cannot be fetched again in the other language: the switch points to
            # the same explanation in the other language further down this page.
            "other_language_url": "#other-language",
        },
    )
    add_never_cache_headers(response)  # includes no-store
    return response
