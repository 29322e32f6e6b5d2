"""Appending to the audit log. Called by every service that changes state or reads protected content, inside
that service's transaction, so the event and the change commit or roll back together."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction

from tipline import clock
from tipline.audit.models import AuditChainHead, AuditEvent
from tipline.vault.digests import GENESIS, chain_digest

if TYPE_CHECKING:
    from tipline.accounts.models import StaffUser
    from tipline.audit.verification import Verification


def event_record_bytes(
    *,
    sequence: int,
    occurred_at: str,
    actor_kind: str,
    actor_id: int | None,
    action: str,
    subject: str,
    reason: str,
    details: dict[str, Any],
) -> bytes:
    """The canonical bytes of an event that its chain link covers. Changing this format breaks the verification
    of every stored event: a new format needs a new chain context in tipline.vault.digests and a migration."""
    return json.dumps(
        [sequence, occurred_at, actor_kind, actor_id, action, subject, reason, details],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode("utf-8")


def event_record_of(event: Any) -> bytes:
    """The record of an event, saved or not, or of a row read with those field names."""
    return event_record_bytes(
        sequence=event.sequence,
        occurred_at=event.occurred_at.isoformat(),
        actor_kind=event.actor_kind,
        actor_id=event.actor_id,
        action=event.action,
        subject=event.subject,
        reason=event.reason,
        details=event.details,
    )


@dataclass(frozen=True)
class Actor:
    kind: AuditEvent.ActorKind
    staff_id: int | None = None

    @classmethod
    def reporter(cls) -> Actor:
        return cls(kind=AuditEvent.ActorKind.REPORTER)

    @classmethod
    def system(cls) -> Actor:
        return cls(kind=AuditEvent.ActorKind.SYSTEM)

    @classmethod
    def staff(cls, staff_id: int) -> Actor:
        return cls(kind=AuditEvent.ActorKind.STAFF, staff_id=staff_id)


def audit_append(
    *, actor: Actor, action: str, subject: str = "", reason: str = "", details: dict[str, Any] | None = None
) -> AuditEvent:
    """Appends one event and moves the chain head to it. `details` must be JSON-plain (strings as keys) and
    must never hold report content or anything about a reporter."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_append must run inside the transaction of the change it records")
    details = details or {}
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(id=1, defaults={"hash": GENESIS})
    sequence = head.sequence + 1
    # In UTC, as the database gives it back, so the verifier rebuilds the very string that was sealed.
    occurred_at = clock.now().astimezone(dt.UTC)
    event = AuditEvent(
        sequence=sequence,
        occurred_at=occurred_at,
        actor_kind=actor.kind,
        actor_id=actor.staff_id,
        action=action,
        subject=subject,
        reason=reason,
        details=details,
        previous_hash=bytes(head.hash),
    )
    link = chain_digest(bytes(head.hash), event_record_of(event))
    event.hash, event.key_id = link.digest, link.key_id
    event.save(force_insert=True)
    head.sequence, head.hash = sequence, link.digest
    head.save(update_fields=["sequence", "hash"])
    return event


def audit_log_viewed(*, acting: StaffUser, filters: dict[str, str]) -> AuditEvent:
    """An auditor read the log with these filters. The subject stays empty even when they filtered by a report:
    a report's history (which its handlers see) must not show that oversight looked into it."""
    with transaction.atomic(durable=True):
        return audit_append(actor=Actor.staff(acting.pk), action="audit.viewed", details={"filters": filters})


def audit_chain_verified(*, acting: StaffUser, verification: Verification) -> AuditEvent:
    """An auditor verified the chain from the workspace; the outcome is kept with the event."""
    details: dict[str, Any] = {"intact": verification.intact, "events_checked": verification.events}
    if verification.finding is not None:
        details.update(problem=verification.finding.problem.value, sequence=verification.finding.sequence)
    with transaction.atomic(durable=True):
        return audit_append(actor=Actor.staff(acting.pk), action="audit.verified", details=details)
