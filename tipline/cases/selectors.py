"""What a member of staff may see, applied in the query."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404

from tipline import clock
from tipline.accounts.models import Role, StaffUser, Unit
from tipline.audit.models import AuditEvent
from tipline.cases.models import CalendarYear, Case, CaseState, IdentityRequest
from tipline.cases.working_days import calendar_years_missing

QUEUE_PAGE_SIZE = 50
DUE_SOON = dt.timedelta(days=3)


def unit_subtree_ids(unit: Unit | None) -> list[int]:
    """The unit and every unit below it (the hierarchy is national, provincial, municipal: three levels)."""
    if unit is None:
        return []
    return list(
        Unit.objects.filter(Q(pk=unit.pk) | Q(parent_id=unit.pk) | Q(parent__parent_id=unit.pk)).values_list(
            "pk", flat=True
        )
    )


def cases_visible_to(user: StaffUser) -> QuerySet[Case]:
    """Handlers: their unit's cases assigned to them. Supervisors: their unit and the units below. Intake officers:
    new cases of their unit and below (they screen). Everyone else: nothing."""
    cases = Case.objects.all()
    if user.role == Role.HANDLER:
        return cases.filter(unit_id=user.unit_id, assigned_to_id=user.pk)
    if user.role == Role.SUPERVISOR:
        return cases.filter(unit_id__in=unit_subtree_ids(user.unit))
    if user.role == Role.INTAKE_OFFICER:
        return cases.filter(unit_id__in=unit_subtree_ids(user.unit), state=CaseState.NEW)
    return cases.none()


def case_for_staff(user: StaffUser, public_id: str) -> Case:
    """The case, if this member of staff may see it; otherwise 404 (the same answer as for a case that does not
    exist, so probing by URL reveals nothing)."""
    case = (
        cases_visible_to(user)
        .select_related("report", "report__content_key", "report__attachment_key", "report__identity_keyset",
                        "unit", "category", "assigned_to")
        .filter(report__public_id=public_id)
        .first()
    )  # fmt: skip
    if case is None:
        raise Http404
    return case


@dataclass(frozen=True)
class QueueFilters:
    state: str = "open"  # open (new + in progress), new, in_progress, closed, all
    category: str = ""
    priority: str = ""  # urgent, high, ""
    channel: str = ""
    region: str = ""
    deadline: str = ""  # overdue, soon, estimated, ""
    assigned: str = ""  # me, unassigned, ""
    sort: str = "due"  # due, newest, oldest, priority


# Each order ends with the primary key as the tie-break, in the direction an index on the order can be read.
_SORTS = {
    "due": ("next_due", "registered_at", "pk"),
    "newest": ("-registered_at", "-pk"),
    "oldest": ("registered_at", "pk"),
    "priority": ("-urgent", "-priority", "registered_at", "pk"),
}


def queue_cases(user: StaffUser, filters: QueueFilters) -> QuerySet[Case]:
    cases = cases_visible_to(user)
    if filters.state == "open":
        cases = cases.exclude(state=CaseState.CLOSED)
    elif filters.state in CaseState.values:
        cases = cases.filter(state=filters.state)
    for name in ("category", "channel", "region"):
        value = getattr(filters, name)
        if value:
            cases = cases.filter(**{f"{name}_id" if name == "category" else name: value})
    if filters.priority == "urgent":
        cases = cases.filter(urgent=True)
    elif filters.priority == "high":
        cases = cases.filter(Q(urgent=True) | Q(priority__gte=70))
    now = clock.now()
    if filters.deadline == "overdue":
        cases = cases.filter(next_due__lt=now)
    elif filters.deadline == "soon":
        cases = cases.filter(next_due__gte=now, next_due__lt=now + DUE_SOON)
    elif filters.deadline == "estimated":
        cases = cases.filter(due_estimated=True)
    if filters.assigned == "me":
        cases = cases.filter(assigned_to_id=user.pk)
    elif filters.assigned == "unassigned":
        cases = cases.filter(assigned_to__isnull=True)
    order = _SORTS.get(filters.sort, _SORTS["due"])
    return cases.select_related("report", "category", "assigned_to", "unit").order_by(*order)


def queue_page(user: StaffUser, filters: QueueFilters, page_number: str | int | None) -> Page[Case]:
    """Counts and picks the page's 50 case ids on the queue table alone (read off an index in order), then loads
    those 50 cases with what the page shows. Sorting the joined rows instead would carry every report's
    ciphertext through the sort: with 100,000 cases that is hundreds of milliseconds, seconds on deep pages."""
    paginator = Paginator(queue_cases(user, filters).values_list("pk", flat=True), QUEUE_PAGE_SIZE)
    page = paginator.get_page(page_number)
    ids = list(page.object_list)
    cases = (
        Case.objects.select_related("report", "category", "assigned_to", "unit")
        .defer("outcome_reason", "report__content", "report__identity", "report__receipt_lookup")
        .in_bulk(ids)
    )
    page.object_list = [cases[pk] for pk in ids]
    return page


def case_history(case: Case) -> QuerySet[AuditEvent]:
    return (
        AuditEvent.objects.filter(subject=case.report.public_id).select_related("actor").order_by("sequence")
    )


def assignable_handlers(case: Case) -> QuerySet[StaffUser]:
    return StaffUser.objects.filter(role=Role.HANDLER, unit_id=case.unit_id, is_active=True).order_by(
        "username"
    )


def identity_requests_for(user: StaffUser) -> QuerySet[IdentityRequest]:
    """Custodians: requests about cases of their unit and below. Handlers and supervisors: their own requests."""
    requests = IdentityRequest.objects.select_related(
        "case__report", "case__unit", "requested_by", "decided_by"
    )
    if user.role == Role.IDENTITY_CUSTODIAN:
        return requests.filter(case__unit_id__in=unit_subtree_ids(user.unit))
    if user.role in (Role.HANDLER, Role.SUPERVISOR):
        return requests.filter(requested_by=user)
    return requests.none()


def identity_grant_for(user: StaffUser, case: Case) -> IdentityRequest | None:
    return IdentityRequest.objects.filter(
        case=case, requested_by=user, state=IdentityRequest.State.APPROVED
    ).first()


def pending_identity_request(case: Case) -> IdentityRequest | None:
    return IdentityRequest.objects.filter(case=case, state=IdentityRequest.State.PENDING).first()


def calendar_years_missing_soon() -> list[int]:
    """This year and the next, if the working-day calendar has no data for them: deadlines counted in working
    days reach that far, and the workspace must say so."""
    this_year = clock.now().year
    entered = set(CalendarYear.objects.values_list("year", flat=True))
    return calendar_years_missing(range(this_year, this_year + 2), entered)
