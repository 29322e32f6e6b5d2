"""The auditors' view of the audit log: a filterable list, newest first, and a button that verifies the chain.

Reading the log is itself recorded ("audit.viewed"), once per set of filters an auditor applies rather than once
per page: paging through one result set is one act of reading, and an event per page would fill the log with
the auditors' own footprints. The pages of a result set are pinned to the newest event at the time the filters
were applied (`upto`), so events appended meanwhile (this one included) do not shift rows between pages."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from tipline.accounts.models import Role, StaffUser
from tipline.accounts.staff_session import staff_required
from tipline.audit.forms import EventFilterForm
from tipline.audit.models import AuditEvent
from tipline.audit.selectors import EVENT_PAGE_SIZE, audit_actions, audit_event_page, audit_head_sequence
from tipline.audit.services import audit_chain_verified, audit_log_viewed
from tipline.audit.verification import audit_chain_verify

_LAST_VIEWED = "audit_last_viewed_filters"
_FILTER_NAMES = ("action", "actor_kind", "actor", "subject", "since", "until")


@dataclass(frozen=True)
class EventRow:
    event: AuditEvent
    details: list[tuple[str, str]]


def _detail_items(details: Any) -> list[tuple[str, str]]:
    if not isinstance(details, dict):
        return [("", json.dumps(details, ensure_ascii=False))]
    return [
        (str(key), value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True))
        for key, value in sorted(details.items())
    ]


def _staff(request: HttpRequest) -> StaffUser:
    return request.user  # type: ignore[return-value]  # staff_required let only signed-in staff through


def _upto(request: HttpRequest, newest: int) -> int:
    try:
        upto = int(request.GET.get("upto", ""))
    except ValueError:
        return newest
    return upto if 0 <= upto <= newest else newest


@staff_required(Role.AUDITOR)
def event_list(request: HttpRequest) -> HttpResponse:
    user = _staff(request)
    bound = any(request.GET.get(name) for name in _FILTER_NAMES)
    form = EventFilterForm(request.GET if bound else None, actions=audit_actions(user=user))
    if form.is_bound and not form.is_valid():  # show the errors, not an unfiltered log that looks filtered
        newest = upto = audit_head_sequence(user=user)
        page = Paginator[AuditEvent]([], EVENT_PAGE_SIZE).get_page(1)
    else:
        filters = form.filters()
        viewed = filters.as_details()
        if request.session.get(_LAST_VIEWED) != viewed:
            audit_log_viewed(acting=user, filters=viewed)
            request.session[_LAST_VIEWED] = viewed
        newest = audit_head_sequence(user=user)  # after the append: the auditor sees their own footprint
        upto = _upto(request, newest)
        page = audit_event_page(user=user, filters=filters, upto=upto, page_number=request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query["upto"] = str(upto)
    fresh = request.GET.copy()
    for name in ("page", "upto"):
        fresh.pop(name, None)
    context = {
        "form": form,
        "page": page,
        "rows": [EventRow(event, _detail_items(event.details)) for event in page],
        "query": query.urlencode(),
        "fresh_query": fresh.urlencode(),
        "upto": upto,
        "newer": max(newest - upto, 0),
    }
    return render(request, "audit/event_list.html", context)


@staff_required(Role.AUDITOR)
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """GET explains and offers the button; POST walks the chain now and shows what it found."""
    if request.method != "POST":
        return render(request, "audit/verify.html", {"verification": None})
    verification = audit_chain_verify()
    audit_chain_verified(acting=_staff(request), verification=verification)
    return render(request, "audit/verify.html", {"verification": verification})
