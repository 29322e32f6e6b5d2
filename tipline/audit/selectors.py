"""Reading the audit log. Only auditors read it; every other member of staff gets nothing from these selectors,
whatever a view asks. Nothing here decrypts: the log holds no report content."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from tipline.accounts.models import Role, StaffUser
from tipline.audit.models import AuditChainHead, AuditEvent

EVENT_PAGE_SIZE = 50


@dataclass(frozen=True)
class EventFilters:
    """What an auditor narrowed the log to. Empty values filter nothing."""

    action: str = ""
    actor_kind: str = ""
    actor: str = ""  # a staff member's username
    subject: str = ""  # a report number, or e.g. "staff:12"
    since: dt.date | None = None
    until: dt.date | None = None  # inclusive

    def as_details(self) -> dict[str, str]:
        """The filters that are set, as plain strings (for the "audit.viewed" event)."""
        return {name: str(value) for name, value in asdict(self).items() if value}


def _may_read_log(user: StaffUser) -> bool:
    return bool(user.is_active and user.role == Role.AUDITOR)


def _day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day` in the workspace's time zone (the dates an auditor types are local)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_events(*, user: StaffUser, filters: EventFilters, upto: int | None = None) -> QuerySet[AuditEvent]:
    """Events matching the filters, newest first, up to sequence `upto` (a page set that stays put while new
    events arrive)."""
    if not _may_read_log(user):
        return AuditEvent.objects.none()
    events = AuditEvent.objects.select_related("actor")
    if upto is not None:
        events = events.filter(sequence__lte=upto)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.actor_kind:
        events = events.filter(actor_kind=filters.actor_kind)
    if filters.actor:
        events = events.filter(actor__username=filters.actor)
    if filters.subject:
        events = events.filter(subject=filters.subject)
    if filters.since:
        events = events.filter(occurred_at__gte=_day_start(filters.since))
    if filters.until:
        events = events.filter(occurred_at__lt=_day_start(filters.until + dt.timedelta(days=1)))
    return events.order_by("-sequence")


def audit_event_page(
    *, user: StaffUser, filters: EventFilters, upto: int | None, page_number: str | int | None
) -> Page[AuditEvent]:
    return Paginator(audit_events(user=user, filters=filters, upto=upto), EVENT_PAGE_SIZE).get_page(
        page_number
    )


# SELECT DISTINCT would read the whole log on every page view. This walks the (action, sequence) index instead,
# one seek per distinct action ("loose index scan"); SQLite and PostgreSQL both run it.
_DISTINCT_ACTIONS = """
WITH RECURSIVE found(action) AS (
    SELECT MIN(action) FROM {table}
    UNION ALL
    SELECT (SELECT MIN(action) FROM {table} WHERE action > found.action) FROM found WHERE found.action IS NOT NULL
)
SELECT action FROM found WHERE action IS NOT NULL ORDER BY action
"""


def audit_actions(*, user: StaffUser) -> list[str]:
    """Every action the log holds, in order, for the filter's choices."""
    if not _may_read_log(user):
        return []
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(_DISTINCT_ACTIONS.format(table=table))  # the table name is our own, quoted
        return [action for (action,) in cursor.fetchall()]


def audit_head_sequence(*, user: StaffUser) -> int:
    """The sequence number of the newest event, as the chain head records it."""
    if not _may_read_log(user):
        return 0
    head = AuditChainHead.objects.filter(id=1).values_list("sequence", flat=True).first()
    return head or 0
