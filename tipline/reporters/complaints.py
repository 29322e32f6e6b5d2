"""Complaints about staff: a channel to oversight that goes around the handlers.

A complaint is made like a report (an idempotency token, a receipt code derived from it, an Argon2id lookup key,
content encrypted under its own data key) but it is not a report: it has no case, no unit and no place in any
queue of the case workspace. Only auditors (oversight) read it, every reading is audited, and the result they
record is what the complainant reads with their receipt code."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from tipline import clock
from tipline.accounts.models import Role, StaffUser
from tipline.audit.services import Actor, audit_append
from tipline.intake.idempotency import Submission
from tipline.intake.submissions import (
    FIELD_MAX_CHARS,
    TEXT_MAX_CHARS,
    Problem,
    Receipt,
    SubmissionInvalid,
)
from tipline.reporters.models import Complaint, ComplaintStatus, ComplaintSubmission
from tipline.reporters.selectors import complaint_for_lookups
from tipline.reporters.tasks import complaint_submissions_purge_soon
from tipline.vault import envelope
from tipline.vault.models import DataKey
from tipline.vault.receipts import (
    ReceiptCode,
    SubmissionToken,
    receipt_lookup_candidates,
    receipt_lookup_key,
)

# Crockford's base 32 (no I, L, O, U to misread), as for report numbers; "C" tells a complaint from a report ("R").
_PUBLIC_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RESULT_MAX_CHARS = TEXT_MAX_CHARS
QUEUE_PAGE_SIZE = 50


def complaint_public_id_new() -> str:
    return "C" + "".join(secrets.choice(_PUBLIC_ID_ALPHABET) for _position in range(9))


def complaint_binding(public_id: str, purpose: str = "content") -> str:
    """Associated data binding a complaint's ciphertexts to the complaint and their purpose."""
    return f"complaint:{public_id}:{purpose}"


@dataclass(frozen=True)
class ComplaintDraft:
    """What the complainant typed. Every field but `text` is optional; `contact` is only what they chose to give."""

    language: str
    text: str  # what happened
    staff: str = ""  # who: a name, badge number or description
    unit: str = ""  # which office
    occurred: str = ""  # when
    contact: str = ""  # how oversight may reach them, if they want to be reached

    def content_json(self) -> bytes:
        content = {key: getattr(self, key) for key in ("text", "staff", "unit", "occurred", "contact")}
        return json.dumps(content, ensure_ascii=False).encode("utf-8")

    def canonical_bytes(self) -> bytes:
        # Prefixed so that a complaint's digest can never equal a report's.
        return b"complaint\x00" + json.dumps(asdict(self), ensure_ascii=False, sort_keys=True).encode("utf-8")


@dataclass(frozen=True)
class ComplaintContent:
    text: str
    staff: str = ""
    unit: str = ""
    occurred: str = ""
    contact: str = ""


LIMITS = {
    "text": TEXT_MAX_CHARS,
    "staff": FIELD_MAX_CHARS,
    "unit": FIELD_MAX_CHARS,
    "occurred": FIELD_MAX_CHARS,
    "contact": FIELD_MAX_CHARS,
}


def _too_long(field: str, limit: int) -> Problem:
    return Problem(
        field, "too_long", str(_("This is too long (at most %(limit)d characters).") % {"limit": limit})
    )


def _invalid_characters(field: str) -> Problem:
    return Problem(field, "invalid", str(_("The text contains characters that cannot be stored.")))


def complaint_draft_problems(draft: ComplaintDraft) -> list[Problem]:
    """Every rule a complaint must meet. Empty when the draft is acceptable."""
    problems: list[Problem] = []
    if draft.language not in ("zh", "en"):
        problems.append(Problem("language", "unknown", str(_("The language must be zh or en."))))
    if not draft.text.strip():
        problems.append(Problem("text", "required", str(_("Tell us what happened."))))
    for name, limit in LIMITS.items():
        value = getattr(draft, name)
        if len(value) > limit:
            problems.append(_too_long(name, limit))
        elif "\x00" in value:
            problems.append(_invalid_characters(name))
    return problems


def complaint_submit(*, draft: ComplaintDraft, token: SubmissionToken) -> Receipt:
    """Registers a complaint about staff and returns its receipt (its number is in `report_public_id`), only after
    it is committed. Idempotent like intake.services.report_submit: the same token and content return the same
    receipt; the same token with other content raises SubmissionTokenReused. (A complaint's code is derived apart
    from a report's, so a token used for both gives two different codes.) Invalid input raises SubmissionInvalid and stores nothing."""
    problems = complaint_draft_problems(draft)
    if problems:
        raise SubmissionInvalid(problems)

    submission = Submission.of(
        records=ComplaintSubmission,
        registered="complaint",
        kind="complaint",
        token=token,
        content=draft.canonical_bytes(),
    )
    replay = submission.replayed_receipt()
    if replay is not None:
        return replay
    # The slow parts (the KDF, encryption) happen before the transaction.
    receipt = submission.receipt_code
    lookup = receipt_lookup_key(receipt)
    public_id = complaint_public_id_new()
    content_key = envelope.data_key_new(purpose=DataKey.Purpose.CONTENT)
    content = envelope.encrypt(content_key, draft.content_json(), binding=complaint_binding(public_id))

    try:
        with transaction.atomic(durable=True):
            content_key.save(force_insert=True)
            complaint = Complaint.objects.create(
                public_id=public_id,
                registered_at=clock.now(),
                language=draft.language,
                receipt_lookup=lookup,
                content_key=content_key,
                content=content,
            )
            ComplaintSubmission.objects.create(
                complaint=complaint, created_at=complaint.registered_at, **submission.record_fields()
            )
            transaction.on_commit(complaint_submissions_purge_soon)
            audit_append(actor=Actor.reporter(), action="complaint.registered", subject=public_id)
    except IntegrityError:
        replay = submission.after_conflict(lookup)
        if replay is not None:
            return replay
        raise
    return Receipt(code=receipt, report_public_id=public_id, registered_at=complaint.registered_at)


def complaint_for_receipt(code: ReceiptCode) -> Complaint | None:
    """The complaint a receipt code opens, or None. One Argon2id call per pepper key. (Signing in at the follow-up
    page uses selectors.receipt_holder, which tries reports and complaints with one derivation.)"""
    return complaint_for_lookups(receipt_lookup_candidates(code))


def complaint_result_text(complaint: Complaint) -> str:
    """The result oversight recorded, decrypted, or "" while there is none. The complainant reads it with their
    code; auditors reach it only through complaint_for_staff."""
    if complaint.result is None:
        return ""
    plaintext = envelope.decrypt(
        complaint.content_key,
        bytes(complaint.result),
        binding=complaint_binding(complaint.public_id, "result"),
    )
    return plaintext.decode("utf-8")


# --- oversight ----------------------------------------------------------------------------------------------------


def _is_oversight(user: StaffUser) -> bool:
    return bool(user.is_active and user.role == Role.AUDITOR)


def _require_oversight(user: StaffUser) -> None:
    # Complaints may be about any member of staff: only oversight may touch them, whatever else a role may do.
    if not _is_oversight(user):
        raise PermissionDenied("complaints are for oversight only")


def complaints_visible_to(user: StaffUser) -> QuerySet[Complaint]:
    """Auditors: every complaint. Everyone else: nothing."""
    if not _is_oversight(user):
        return Complaint.objects.none()
    return Complaint.objects.all()


def complaint_queue_page(user: StaffUser, *, status: str, page_number: str | int | None) -> Page[Complaint]:
    """Newest first, optionally of one status. Two queries whatever the page holds (count and rows)."""
    complaints = complaints_visible_to(user)
    if status in ComplaintStatus.values:
        complaints = complaints.filter(status=status)
    complaints = complaints.select_related("result_by").order_by("-registered_at", "-pk")
    return Paginator(complaints, QUEUE_PAGE_SIZE).get_page(page_number)


def complaint_for_staff(user: StaffUser, public_id: str) -> Complaint:
    """The complaint, if this member of staff may see it; otherwise 404, the same answer as for a complaint that
    does not exist."""
    complaint = (
        complaints_visible_to(user)
        .select_related("content_key", "result_by")
        .filter(public_id=public_id)
        .first()
    )
    if complaint is None:
        raise Http404
    return complaint


def complaint_content_open(*, acting: StaffUser, complaint: Complaint) -> ComplaintContent:
    """Decrypts what the complainant wrote. Every opening is in the audit log; the first one moves the complaint
    from "received" to "under review", which is what the complainant then sees."""
    _require_oversight(acting)
    data = json.loads(
        envelope.decrypt(
            complaint.content_key, bytes(complaint.content), binding=complaint_binding(complaint.public_id)
        )
    )
    with transaction.atomic(durable=True):
        started = Complaint.objects.filter(pk=complaint.pk, status=ComplaintStatus.RECEIVED).update(
            status=ComplaintStatus.UNDER_REVIEW
        )
        audit_append(
            actor=Actor.staff(acting.pk),
            action="complaint.content_read",
            subject=complaint.public_id,
            details={"status": ComplaintStatus.UNDER_REVIEW} if started else {},
        )
    if started:
        complaint.status = ComplaintStatus.UNDER_REVIEW
    return ComplaintContent(**{key: data.get(key, "") for key in ComplaintContent.__dataclass_fields__})


def complaint_result_record(*, acting: StaffUser, complaint: Complaint, result: str) -> None:
    """Oversight records the result of its review, which the complainant reads with their code. A result is
    recorded once: it is an answer given to someone, not a draft."""
    _require_oversight(acting)
    result = (result or "").strip()
    if not result:
        raise SubmissionInvalid(
            [Problem("result", "required", str(_("Write the result that the complainant will read.")))]
        )
    if len(result) > RESULT_MAX_CHARS:
        raise SubmissionInvalid([_too_long("result", RESULT_MAX_CHARS)])
    if "\x00" in result:
        raise SubmissionInvalid([_invalid_characters("result")])
    sealed = envelope.encrypt(
        complaint.content_key,
        result.encode("utf-8"),
        binding=complaint_binding(complaint.public_id, "result"),
    )
    with transaction.atomic(durable=True):
        current = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if current.status == ComplaintStatus.RESULT_RECORDED:
            raise SubmissionInvalid(
                [Problem("result", "exists", str(_("A result is already recorded for this complaint.")))]
            )
        now = clock.now()
        Complaint.objects.filter(pk=complaint.pk).update(
            status=ComplaintStatus.RESULT_RECORDED, result=sealed, result_at=now, result_by=acting
        )
        audit_append(
            actor=Actor.staff(acting.pk),
            action="complaint.result_recorded",
            subject=complaint.public_id,
            reason="(encrypted)",
            details={"status": ComplaintStatus.RESULT_RECORDED},
        )
    complaint.status, complaint.result, complaint.result_at, complaint.result_by = (
        ComplaintStatus.RESULT_RECORDED,
        sealed,
        now,
        acting,
    )


def complaint_submissions_purge(*, older_than_seconds: int | None = None) -> int:
    """Forgets complaint forms' idempotency tokens after their window (as intake's submission_records_purge)."""
    window = (
        older_than_seconds if older_than_seconds is not None else settings.TIPLINE_IDEMPOTENCY_WINDOW_SECONDS
    )
    cutoff = clock.now() - dt.timedelta(seconds=window)
    deleted, _count = ComplaintSubmission.objects.filter(created_at__lt=cutoff).delete()
    return deleted
