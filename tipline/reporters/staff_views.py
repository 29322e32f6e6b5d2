"""Oversight's view of complaints about staff. Auditors only: complaints may be about any other member of staff,
so handlers, supervisors, custodians and administrators get 403 on every page here."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tipline.accounts.models import Role, StaffUser
from tipline.accounts.staff_session import staff_required
from tipline.intake.submissions import SubmissionInvalid
from tipline.reporters.complaints import (
    complaint_content_open,
    complaint_for_staff,
    complaint_queue_page,
    complaint_result_record,
    complaint_result_text,
)
from tipline.reporters.forms import ComplaintResultForm, ComplaintStatusFilterForm
from tipline.reporters.models import Complaint


def _staff(request: HttpRequest) -> StaffUser:
    return request.user  # type: ignore[return-value]


@staff_required(Role.AUDITOR)
def complaint_queue(request: HttpRequest) -> HttpResponse:
    form = ComplaintStatusFilterForm(request.GET or None)
    page = complaint_queue_page(
        _staff(request), status=form.status_value(), page_number=request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    response = render(
        request, "complaints/queue.html", {"form": form, "page": page, "query": query.urlencode()}
    )
    add_never_cache_headers(response)
    return response


def _detail_page(
    request: HttpRequest,
    complaint: Complaint,
    *,
    result_form: ComplaintResultForm | None = None,
    status: int = 200,
) -> HttpResponse:
    content = complaint_content_open(acting=_staff(request), complaint=complaint)
    context: dict[str, Any] = {
        "complaint": complaint,
        "content": content,
        "result": complaint_result_text(complaint),
        "result_form": result_form or ComplaintResultForm(),
    }
    response = render(request, "complaints/detail.html", context, status=status)
    add_never_cache_headers(response)
    return response


@staff_required(Role.AUDITOR)
def complaint_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    return _detail_page(request, complaint_for_staff(_staff(request), public_id))


@staff_required(Role.AUDITOR)
@require_POST
def complaint_result(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _staff(request)
    complaint = complaint_for_staff(user, public_id)
    form = ComplaintResultForm(request.POST)
    if form.is_valid():
        try:
            complaint_result_record(acting=user, complaint=complaint, result=form.cleaned_data["result"])
        except SubmissionInvalid as invalid:
            for problem in invalid.problems:
                form.add_error("result" if problem.field == "result" else None, problem.message)
        else:
            messages.success(request, _("Result recorded. The complainant can now read it."))
            return redirect("complaints:complaint_detail", public_id=complaint.public_id)
    return _detail_page(request, complaint, result_form=form, status=400)
