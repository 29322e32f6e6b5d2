"""What happens during follow-up: messages both ways, more files, protection requests."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from tipline import clock
from tipline.audit.services import Actor, audit_append
from tipline.cases.models import Case
from tipline.cases.triggers import case_mark_urgent
from tipline.intake.bindings import content_binding
from tipline.intake.models import Attachment, Report
from tipline.intake.services import attachment_rows_create, attachments_store
from tipline.intake.submissions import (
    FIELD_MAX_CHARS,
    TEXT_MAX_CHARS,
    IncomingFile,
    Problem,
    SubmissionInvalid,
)
from tipline.reporters.models import ProtectionRequest, ReportMessage
from tipline.reporters.selectors import message_binding
from tipline.vault import envelope
from tipline.vault.models import DataKey


def _text_problems(field: str, text: str, *, limit: int, required: bool = True) -> list[Problem]:
    if required and not text.strip():
        return [Problem(field, "required", str(_("Write something first.")))]
    if len(text) > limit:
        return [
            Problem(
                field,
                "too_long",
                str(_("This is too long (at most %(limit)d characters).") % {"limit": limit}),
            )
        ]
    if "\x00" in text:
        return [Problem(field, "invalid", str(_("The text contains characters that cannot be stored.")))]
    return []


def _message_add(
    *,
    report: Report,
    author: ReportMessage.Author,
    text: str,
    actor: Actor,
    action: str,
    staff_id: int | None = None,
) -> ReportMessage:
    body = envelope.encrypt(
        report.content_key, text.encode("utf-8"), binding=message_binding(report.public_id)
    )
    with transaction.atomic():  # also runs inside the staff workspace's own transaction (tipline.cases)
        message = ReportMessage.objects.create(
            report=report, author=author, staff_author_id=staff_id, body=body, created_at=clock.now()
        )
        audit_append(actor=actor, action=action, subject=report.public_id, details={"message": message.pk})
    return message


def reporter_message_add(*, report: Report, text: str) -> ReportMessage:
    """The reporter answers a question or adds information."""
    problems = _text_problems("text", text, limit=TEXT_MAX_CHARS)
    if problems:
        raise SubmissionInvalid(problems)
    return _message_add(
        report=report,
        author=ReportMessage.Author.REPORTER,
        text=text,
        actor=Actor.reporter(),
        action="report.reporter_message_added",
    )


def staff_question_ask(*, report: Report, staff_id: int, text: str) -> ReportMessage:
    """A member of staff asks the reporter a question, which the reporter reads with their receipt code.
    Permission to do so is checked by the staff workspace (tipline.cases) before calling this."""
    problems = _text_problems("text", text, limit=TEXT_MAX_CHARS)
    if problems:
        raise SubmissionInvalid(problems)
    return _message_add(
        report=report,
        author=ReportMessage.Author.STAFF,
        text=text,
        actor=Actor.staff(staff_id),
        action="report.question_asked",
        staff_id=staff_id,
    )


def reporter_files_add(*, report: Report, files: list[IncomingFile]) -> list[Attachment]:
    """More files after the report was made. Each file is checked, cleaned and encrypted like the first ones."""
    if not files:
        raise SubmissionInvalid([Problem("attachments", "required", str(_("Choose at least one file.")))])
    new_key = report.attachment_key is None
    data_key = (
        envelope.data_key_new(purpose=DataKey.Purpose.ATTACHMENTS) if new_key else report.attachment_key
    )
    prepared = attachments_store(files, data_key=data_key, public_id=report.public_id)
    with transaction.atomic(durable=True):
        if new_key:
            data_key.save(force_insert=True)
            Report.objects.filter(pk=report.pk).update(attachment_key=data_key)
            report.attachment_key = data_key
        rows = attachment_rows_create(
            report, prepared, content_key=report.content_key, added_by=Attachment.AddedBy.REPORTER
        )
        audit_append(
            actor=Actor.reporter(),
            action="report.reporter_files_added",
            subject=report.public_id,
            details={"attachments": len(rows)},
        )
    return rows


def protection_request_submit(*, report: Report, for_whom: str, details: str) -> ProtectionRequest:
    problems = _text_problems("details", details, limit=FIELD_MAX_CHARS)
    if for_whom not in ProtectionRequest.ForWhom.values:
        problems.append(Problem("for_whom", "unknown", str(_("Choose who needs protection."))))
    if problems:
        raise SubmissionInvalid(problems)
    sealed = envelope.encrypt(
        report.content_key, details.encode("utf-8"), binding=content_binding(report.public_id) + ":protection"
    )
    with transaction.atomic(durable=True):
        request = ProtectionRequest.objects.create(
            report=report, for_whom=for_whom, details=sealed, created_at=clock.now()
        )
        case = Case.objects.filter(report=report).first()
        if case is not None:
            case_mark_urgent(case=case, actor=Actor.reporter(), reason="protection requested")
        audit_append(
            actor=Actor.reporter(),
            action="report.protection_requested",
            subject=report.public_id,
            details={"for_whom": for_whom},
        )
    return request
