"""Appending to the audit log. Called by every service that changes state or reads protected content, inside
that service's transaction, so the event and the change commit or roll back together."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from tipline import clock
from tipline.audit.models import AuditChainHead, AuditEvent
from tipline.vault.digests import GENESIS, chain_digest


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
    return json.dumps(
        [sequence, occurred_at, actor_kind, actor_id, action, subject, reason, details],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode("utf-8")


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
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_append must run inside the transaction of the change it records")
    details = details or {}
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(id=1, defaults={"hash": GENESIS})
    sequence = head.sequence + 1
    occurred_at = clock.now()
    record = event_record_bytes(
        sequence=sequence,
        occurred_at=occurred_at.isoformat(),
        actor_kind=actor.kind,
        actor_id=actor.staff_id,
        action=action,
        subject=subject,
        reason=reason,
        details=details,
    )
    previous = bytes(head.hash)
    digest = chain_digest(previous, record)
    event = AuditEvent.objects.create(
        sequence=sequence,
        occurred_at=occurred_at,
        actor_kind=actor.kind,
        actor_id=actor.staff_id,
        action=action,
        subject=subject,
        reason=reason,
        details=details,
        previous_hash=previous,
        hash=digest,
    )
    head.sequence, head.hash = sequence, digest
    head.save(update_fields=["sequence", "hash"])
    return event
