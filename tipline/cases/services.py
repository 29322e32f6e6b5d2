"""Every change to a case, each in one transaction with its audit event. Reading report content or an identity is
audited the same way."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from tipline import clock
from tipline.accounts.models import Role, StaffUser, Unit
from tipline.audit.services import Actor, audit_append
from tipline.cases.models import Case, CaseNote, CaseState, Hotline, IdentityRequest, Outcome, Screening
from tipline.cases.permissions import Action, can
from tipline.cases.triggers import case_mark_urgent, case_save
from tipline.intake.bindings import content_binding, identity_binding
from tipline.intake.models import Report
from tipline.intake.submissions import Problem, SubmissionInvalid
from tipline.reporters.services import staff_question_ask
from tipline.vault import envelope, tinkset
from tipline.vault.identity import identity_open, identity_reseal, identity_sealed_to

NOTE_MAX_CHARS = 20_000
REASON_MAX_CHARS = 2_000


def _require(user: StaffUser, action: Action, case: Case) -> None:
    if not can(user, action, case):
        raise PermissionDenied(action.value)


def _reason(field: str, text: str, *, required: bool = True, limit: int = REASON_MAX_CHARS) -> str:
    text = (text or "").strip()
    if required and not text:
        raise SubmissionInvalid([Problem(field, "required", str(_("Give a reason.")))])
    if len(text) > limit:
        raise SubmissionInvalid([Problem(field, "too_long", str(_("This is too long.")))])
    return text


def _seal(case: Case, text: str, purpose: str) -> bytes:
    report = case.report
    return envelope.encrypt(
        report.content_key, text.encode("utf-8"), binding=f"{content_binding(report.public_id)}:{purpose}"
    )


def unseal(case: Case, data: bytes | None, purpose: str) -> str:
    if data is None:
        return ""
    report = case.report
    return envelope.decrypt(
        report.content_key, bytes(data), binding=f"{content_binding(report.public_id)}:{purpose}"
    ).decode("utf-8")


def case_acknowledge(*, acting: StaffUser, case: Case) -> None:
    _require(acting, Action.ACKNOWLEDGE, case)
    with transaction.atomic(durable=True):
        case.acknowledged_at = clock.now()
        case_save(case, "acknowledged_at")
        audit_append(actor=Actor.staff(acting.pk), action="case.acknowledged", subject=case.report.public_id)


def case_screen(
    *, acting: StaffUser, case: Case, screening: str, referred_to: str = "", reason: str = ""
) -> None:
    """In scope: the case goes on. Out of scope (with the hotline it is referred to), junk, or malicious and
    fabricated (which a later reward check must see, and which is not the same as an honest mistake): closed."""
    _require(acting, Action.SCREEN, case)
    if screening not in Screening.values:
        raise SubmissionInvalid([Problem("screening", "unknown", str(_("Choose a screening result.")))])
    if screening == Screening.OUT_OF_SCOPE and referred_to not in Hotline.values:
        raise SubmissionInvalid(
            [Problem("referred_to", "required", str(_("Choose where the reporter is referred.")))]
        )
    reason = _reason("reason", reason, required=screening == Screening.MALICIOUS)
    now = clock.now()
    with transaction.atomic(durable=True):
        case.screening, case.screened_at = screening, now
        case.acknowledged_at = case.acknowledged_at or now
        fields = ["screening", "screened_at", "acknowledged_at", "state", "referred_to"]
        case.referred_to = referred_to if screening == Screening.OUT_OF_SCOPE else ""
        if screening == Screening.IN_SCOPE:
            case.state = CaseState.IN_PROGRESS
        else:
            case.state, case.closed_at = CaseState.CLOSED, now
            fields.append("closed_at")
        if reason:
            case.outcome_reason = _seal(case, reason, "screening-reason")
            fields.append("outcome_reason")
        case_save(case, *fields)
        audit_append(
            actor=Actor.staff(acting.pk),
            action="case.screened",
            subject=case.report.public_id,
            details={"screening": screening, "referred_to": case.referred_to},
            reason="(encrypted)" if reason else "",
        )


def case_assign(*, acting: StaffUser, case: Case, assignee: StaffUser) -> None:
    _require(acting, Action.ASSIGN, case)
    if assignee.role != Role.HANDLER or assignee.unit_id != case.unit_id or not assignee.is_active:
        raise SubmissionInvalid(
            [Problem("assignee", "invalid", str(_("Choose a handler of this case's unit.")))]
        )
    with transaction.atomic(durable=True):
        case.assigned_to = assignee
        case.acknowledged_at = case.acknowledged_at or clock.now()
        case_save(case, "assigned_to", "acknowledged_at")
        audit_append(
            actor=Actor.staff(acting.pk),
            action="case.assigned",
            subject=case.report.public_id,
            details={"assignee": assignee.pk},
        )


def case_transfer(*, acting: StaffUser, case: Case, unit: Unit, reason: str) -> None:
    _require(acting, Action.TRANSFER, case)
    if unit.pk == case.unit_id:
        raise SubmissionInvalid([Problem("unit", "same", str(_("The case is already in this unit.")))])
    reason = _reason("reason", reason)
    with transaction.atomic(durable=True):
        previous = case.unit_id
        case.unit, case.assigned_to = unit, None
        case_save(case, "unit", "assigned_to")
        audit_append(
            actor=Actor.staff(acting.pk),
            action="case.transferred",
            subject=case.report.public_id,
            details={"from_unit": previous, "to_unit": unit.pk},
            reason=reason,
        )


def case_question_ask(*, acting: StaffUser, case: Case, text: str) -> None:
    _require(acting, Action.ASK, case)
    with transaction.atomic(durable=True):
        staff_question_ask(report=case.report, staff_id=acting.pk, text=text)
        if case.acknowledged_at is None:
            case.acknowledged_at = clock.now()
            case_save(case, "acknowledged_at")


def case_note_add(*, acting: StaffUser, case: Case, text: str) -> CaseNote:
    _require(acting, Action.NOTE, case)
    text = _reason("text", text, limit=NOTE_MAX_CHARS)
    with transaction.atomic(durable=True):
        note = CaseNote.objects.create(
            case=case, author=acting, body=_seal(case, text, "note"), created_at=clock.now()
        )
        audit_append(
            actor=Actor.staff(acting.pk),
            action="case.note_added",
            subject=case.report.public_id,
            details={"note": note.pk},
        )
    return note


def case_close(*, acting: StaffUser, case: Case, outcome: str, reason: str) -> None:
    _require(acting, Action.CLOSE, case)
    if outcome not in Outcome.values:
        raise SubmissionInvalid([Problem("outcome", "unknown", str(_("Choose an outcome.")))])
    reason = _reason("reason", reason)
    now = clock.now()
    with transaction.atomic(durable=True):
        case.outcome, case.state, case.closed_at = outcome, CaseState.CLOSED, now
        case.feedback_at = case.feedback_at or now
        case.outcome_reason = _seal(case, reason, "outcome-reason")
        case_save(case, "outcome", "state", "closed_at", "feedback_at", "outcome_reason")
        audit_append(
            actor=Actor.staff(acting.pk),
            action="case.closed",
            subject=case.report.public_id,
            details={"outcome": outcome},
        )


def case_urgent_set(*, acting: StaffUser, case: Case, reason: str) -> None:
    _require(acting, Action.MARK_URGENT, case)
    reason = _reason("reason", reason)
    with transaction.atomic(durable=True):
        case_mark_urgent(case=case, actor=Actor.staff(acting.pk), reason=reason)


@dataclass(frozen=True)
class ReportContent:
    text: str
    occurred: str
    place: str
    people: str
    identifiers: str
    source: str


def case_content_open(*, acting: StaffUser, case: Case) -> ReportContent:
    """Decrypts what the reporter wrote. Every opening is in the audit log."""
    _require(acting, Action.READ, case)
    report = case.report
    data: dict[str, Any] = json.loads(envelope.decrypt(report.content_key, bytes(report.content),
                                                       binding=content_binding(report.public_id)))  # fmt: skip
    with transaction.atomic(durable=True):
        audit_append(actor=Actor.staff(acting.pk), action="report.content_read", subject=report.public_id)
    return ReportContent(**{key: data.get(key, "") for key in ReportContent.__dataclass_fields__})


def case_attachment_opened(*, acting: StaffUser, case: Case, attachment_id: object) -> None:
    _require(acting, Action.READ, case)
    with transaction.atomic(durable=True):
        audit_append(
            actor=Actor.staff(acting.pk),
            action="report.attachment_read",
            subject=case.report.public_id,
            details={"attachment": str(attachment_id)},
        )


# --- identity custody -------------------------------------------------------------------------------------------


def identity_request_create(*, acting: StaffUser, case: Case, reason: str) -> IdentityRequest:
    _require(acting, Action.REQUEST_IDENTITY, case)
    reason = _reason("reason", reason)
    with transaction.atomic(durable=True):
        if IdentityRequest.objects.filter(case=case, requested_by=acting,
                                          state__in=[IdentityRequest.State.PENDING, IdentityRequest.State.APPROVED]).exists():  # fmt: skip
            raise SubmissionInvalid(
                [Problem("reason", "exists", str(_("You already asked for this identity.")))]
            )
        request = IdentityRequest.objects.create(case=case, requested_by=acting, reason=_seal(case, reason, "identity-request"),
                                                 requested_at=clock.now())  # fmt: skip
        audit_append(
            actor=Actor.staff(acting.pk),
            action="identity.requested",
            subject=case.report.public_id,
            details={"request": request.pk},
        )
    return request


def _identity_shareable(
    *, acting: StaffUser, report: Report, handler: StaffUser, custodian_private: tinkset.KeysetHandle | None
) -> None:
    def refuse(code: str, message: str) -> SubmissionInvalid:
        return SubmissionInvalid([Problem("decision_reason", code, message)])

    if report.identity_keyset is None or handler.recipient_key is None:
        raise refuse(
            "key",
            str(
                _(
                    "This report has no sealed identity, or the handler has no key pair: nothing can be shared."
                )
            ),
        )
    if custodian_private is None or acting.recipient_key is None:
        raise refuse("key", str(_("Your key is not unlocked. Sign in again.")))
    if not identity_sealed_to(report.identity_keyset, acting.recipient_key):
        raise refuse(
            "not_sealed",
            str(_("This identity was sealed before you became a custodian. Another custodian must decide.")),
        )


def identity_request_decide(
    *,
    acting: StaffUser,
    request: IdentityRequest,
    approve: bool,
    reason: str,
    custodian_private: tinkset.KeysetHandle | None,
) -> None:
    """A custodian approves (the identity key is re-sealed to the requesting handler, for this report only) or
    refuses; a reason is required either way."""
    if acting.role != Role.IDENTITY_CUSTODIAN or request.state != IdentityRequest.State.PENDING:
        raise PermissionDenied("identity decision")
    reason = _reason("decision_reason", reason)
    case = request.case
    report = case.report
    handler = request.requested_by
    if approve:
        _identity_shareable(
            acting=acting, report=report, handler=handler, custodian_private=custodian_private
        )
    with transaction.atomic(durable=True):
        if approve:
            identity_reseal(
                report.identity_keyset,
                binding=identity_binding(report.public_id),
                holder=acting.recipient_key,
                holder_private=custodian_private,
                new_recipient=handler.recipient_key,
            )  # type: ignore[arg-type]
        request.state = IdentityRequest.State.APPROVED if approve else IdentityRequest.State.REFUSED
        request.decided_by, request.decided_at = acting, clock.now()
        request.decision_reason = _seal(case, reason, "identity-decision")
        request.save(update_fields=["state", "decided_by", "decided_at", "decision_reason"])
        audit_append(
            actor=Actor.staff(acting.pk),
            action="identity.approved" if approve else "identity.refused",
            subject=report.public_id,
            details={"request": request.pk, "handler": handler.pk},
            reason="(encrypted)",
        )


def identity_reveal(*, acting: StaffUser, case: Case, private: tinkset.KeysetHandle | None) -> dict[str, str]:
    """The reporter's identity, for a handler whose request a custodian approved. Audited."""
    from tipline.cases.selectors import identity_grant_for

    report = case.report
    if identity_grant_for(acting, case) is None or private is None or acting.recipient_key is None:
        raise PermissionDenied("identity")
    if report.identity_keyset is None or report.identity is None:
        raise PermissionDenied("identity")
    plaintext = identity_open(report.identity_keyset, bytes(report.identity), binding=identity_binding(report.public_id),
                              recipient=acting.recipient_key, recipient_private=private)  # fmt: skip
    with transaction.atomic(durable=True):
        audit_append(actor=Actor.staff(acting.pk), action="report.identity_read", subject=report.public_id)
    return json.loads(plaintext)
