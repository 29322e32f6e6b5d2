"""What registration and follow-up set off in case handling: a case opens with every report, and a protection
request makes it urgent. Kept apart from services.py, which depends on intake and follow-up itself."""

from __future__ import annotations

from django.db import transaction

from tipline.audit.services import Actor, audit_append
from tipline.cases.deadlines import deadlines_for
from tipline.cases.models import Case, CaseState
from tipline.cases.tasks import urgent_case_notify
from tipline.intake.models import Report, ReportStatus


def _next_due(case: Case) -> None:
    """The earliest deadline still open, which the queue sorts and colours by."""
    open_deadlines = []
    if case.state != CaseState.CLOSED:
        if case.acknowledged_at is None and case.acknowledge_due:
            open_deadlines.append(case.acknowledge_due)
        if case.screened_at is None and case.screen_due:
            open_deadlines.append(case.screen_due)
        if case.feedback_at is None and case.feedback_due:
            open_deadlines.append(case.feedback_due)
    case.next_due = min(open_deadlines) if open_deadlines else None


def _reporter_status(case: Case) -> None:
    status = {CaseState.NEW: ReportStatus.RECEIVED, CaseState.IN_PROGRESS: ReportStatus.IN_PROGRESS,
              CaseState.CLOSED: ReportStatus.CLOSED}[CaseState(case.state)]  # fmt: skip
    Report.objects.filter(pk=case.report_id).exclude(status=status).update(status=status)


def case_save(case: Case, *fields: str) -> None:
    """Saves the fields, the next deadline and the reporter-visible status that follow from them."""
    _next_due(case)
    case.save(update_fields=[*fields, "next_due"])
    _reporter_status(case)


def case_open(*, report: Report) -> Case:
    """Opens the case of a newly registered report, inside report_submit's transaction."""
    deadlines = deadlines_for(report.unit, report.registered_at)
    case = Case(
        report=report, unit=report.unit, category_id=report.category_id, channel=report.channel, region=report.region,
        registered_at=report.registered_at, acknowledge_due=deadlines.acknowledge, screen_due=deadlines.screen,
        feedback_due=deadlines.feedback, due_estimated=bool(deadlines.estimated_years),
    )  # fmt: skip
    _next_due(case)
    case.save(force_insert=True)
    return case


def case_mark_urgent(*, case: Case, actor: Actor, reason: str) -> None:
    """Marks a case urgent and tells the unit's duty officer at once (after commit). Used by staff, and by the
    system when a reporter asks for protection. Must run inside a transaction."""
    if case.urgent:
        return
    case.urgent = True
    case.save(update_fields=["urgent"])
    audit_append(actor=actor, action="case.marked_urgent", subject=case.report.public_id, reason=reason)
    public_id = case.report.public_id
    transaction.on_commit(lambda: urgent_case_notify.enqueue(public_id))
