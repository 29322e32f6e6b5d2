"""Registering a report: the one function every channel calls."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction

from tipline import clock
from tipline.accounts.selectors import unit_route_for_region
from tipline.audit.services import Actor, audit_append
from tipline.cases.triggers import case_open
from tipline.intake.attachment_store import attachment_blob_delete, attachment_blob_write
from tipline.intake.attachment_types import file_kind_detect
from tipline.intake.bindings import attachment_name_binding, content_binding, identity_binding
from tipline.intake.idempotency import Submission
from tipline.intake.metadata_removal import AttachmentRefused, metadata_remove
from tipline.intake.models import Attachment, Report, SubmissionRecord
from tipline.intake.submissions import (
    ATTACHMENT_PROBLEM_MESSAGES,
    IncomingFile,
    Problem,
    Receipt,
    ReportDraft,
    SubmissionInvalid,
    report_draft_problems,
)
from tipline.intake.tasks import submission_records_purge_soon
from tipline.vault import envelope
from tipline.vault.identity import identity_seal
from tipline.vault.models import DataKey
from tipline.vault.receipts import (
    SubmissionToken,
    receipt_lookup_key,
)

_PUBLIC_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O, U to misread


def report_public_id_new() -> str:
    return "R" + "".join(secrets.choice(_PUBLIC_ID_ALPHABET) for _ in range(9))


@dataclass
class PreparedAttachment:
    """A file checked, cleaned of metadata and encrypted into the store, waiting for its row to commit."""

    id: object
    media_type: str
    size: int
    original_name: str


def _attachment_problem(index: int, reason: str) -> Problem:
    return Problem(f"attachments[{index}]", reason, str(ATTACHMENT_PROBLEM_MESSAGES[reason]))


def attachments_store(
    files: list[IncomingFile], *, data_key: DataKey, public_id: str
) -> list[PreparedAttachment]:
    """Detects each file's type from its bytes, removes its metadata and writes it encrypted to the store.
    All files are checked before any is stored; on any refusal nothing is left behind."""
    stored: list[PreparedAttachment] = []
    scratch = Path(settings.TIPLINE_SCRATCH_DIR)
    problems: list[Problem] = []
    cleaned: list[tuple[IncomingFile, Path, str]] = []
    try:
        for index, incoming in enumerate(files):
            kind = file_kind_detect(incoming.path)
            if kind is None:
                problems.append(_attachment_problem(index, "type_not_allowed"))
                continue
            clean_path = Path(tempfile.mkstemp(dir=scratch, suffix=kind.extension)[1])
            cleaned.append((incoming, clean_path, kind.media_type))
            try:
                metadata_remove(kind, incoming.path, clean_path)
            except AttachmentRefused as refused:
                problems.append(_attachment_problem(index, refused.reason))
        if problems:
            raise SubmissionInvalid(problems)
        for incoming, clean_path, media_type in cleaned:
            prepared = PreparedAttachment(
                id=Attachment._meta.pk.default(),  # type: ignore[union-attr]
                media_type=media_type,
                size=clean_path.stat().st_size,
                original_name=incoming.original_name,
            )
            with clean_path.open("rb") as source:
                attachment_blob_write(data_key, source, report_public_id=public_id, attachment_id=prepared.id)
            stored.append(prepared)
    except BaseException:
        for prepared in stored:
            attachment_blob_delete(prepared.id)
        raise
    finally:
        for _incoming, clean_path, _media_type in cleaned:
            clean_path.unlink(missing_ok=True)
    return stored


def attachment_rows_create(
    report: Report, prepared: list[PreparedAttachment], *, content_key: DataKey, added_by: Attachment.AddedBy
) -> list[Attachment]:
    now = clock.now()
    return Attachment.objects.bulk_create(
        Attachment(
            id=item.id,
            report=report,
            media_type=item.media_type,
            size=item.size,
            name_sealed=envelope.encrypt(
                content_key,
                item.original_name.encode("utf-8"),
                binding=attachment_name_binding(report.public_id, item.id),
            ),
            added_by=added_by,
            added_at=now,
        )
        for item in prepared
    )


def report_submit(
    *,
    draft: ReportDraft,
    token: SubmissionToken,
    files: list[IncomingFile] | None = None,
    acting: Actor | None = None,
) -> Receipt:
    """Registers a report and returns its receipt, only after the report and everything it refers to are
    committed. A retry with the same token and content returns the same receipt; with the same token and other
    content it raises SubmissionTokenReused. Invalid input raises SubmissionInvalid and stores nothing."""
    files = files or []
    acting = acting or Actor.reporter()
    problems = report_draft_problems(draft)
    if problems:
        raise SubmissionInvalid(problems)

    file_fingerprints = b"".join(f.digest + f.size.to_bytes(8, "big") for f in files)
    submission = Submission.of(
        records=SubmissionRecord,
        registered="report",
        kind="report",
        token=token,
        content=draft.canonical_bytes() + b"\x00" + file_fingerprints,
    )
    replay = submission.replayed_receipt()
    if replay is not None:
        return replay

    # Everything slow happens before the transaction: the KDF, encryption, writing files.
    receipt = submission.receipt_code
    lookup = receipt_lookup_key(receipt)
    public_id = report_public_id_new()
    unit = unit_route_for_region(draft.region)
    content_key = envelope.data_key_new(purpose=DataKey.Purpose.CONTENT)
    content = envelope.encrypt(content_key, draft.content_json(), binding=content_binding(public_id))
    attachment_key = envelope.data_key_new(purpose=DataKey.Purpose.ATTACHMENTS) if files else None
    prepared = (
        attachments_store(files, data_key=attachment_key, public_id=public_id) if attachment_key else []
    )

    try:
        with transaction.atomic(durable=True):
            content_key.save(force_insert=True)
            if attachment_key is not None:
                attachment_key.save(force_insert=True)
            identity_keyset, identity = None, None
            if draft.identity is not None:
                identity_keyset, identity = identity_seal(
                    json.dumps(asdict(draft.identity), ensure_ascii=False).encode("utf-8"),
                    binding=identity_binding(public_id),
                )
            report = Report.objects.create(
                public_id=public_id,
                registered_at=clock.now(),
                channel=draft.channel,
                language=draft.language,
                category_id=draft.category,
                region=draft.region,
                unit=unit,
                reporter_kind=draft.reporter_kind,
                consent_contact=draft.consent.contact,
                consent_disclosure=draft.consent.disclosure,
                consent_ceremony=draft.consent.ceremony,
                read_back=draft.read_back,
                receipt_lookup=lookup,
                content_key=content_key,
                content=content,
                attachment_key=attachment_key,
                identity_keyset=identity_keyset,
                identity=identity,
            )
            SubmissionRecord.objects.create(
                report=report, created_at=report.registered_at, **submission.record_fields()
            )
            attachment_rows_create(
                report, prepared, content_key=content_key, added_by=Attachment.AddedBy.REPORTER
            )
            case_open(report=report)
            transaction.on_commit(submission_records_purge_soon)
            audit_append(
                actor=acting,
                action="report.registered",
                subject=public_id,
                details={"channel": draft.channel, "attachments": len(prepared), "unit": unit.code},
            )
    except IntegrityError:
        for item in prepared:
            attachment_blob_delete(item.id)
        replay = submission.after_conflict(lookup)
        if replay is not None:
            return replay
        raise
    except BaseException:
        for item in prepared:
            attachment_blob_delete(item.id)
        raise
    return Receipt(code=receipt, report_public_id=public_id, registered_at=report.registered_at)


def submission_records_purge(*, older_than_seconds: int | None = None) -> int:
    """Forgets idempotency tokens after their window: a retry is a matter of minutes, not days."""
    window = (
        older_than_seconds if older_than_seconds is not None else settings.TIPLINE_IDEMPOTENCY_WINDOW_SECONDS
    )
    cutoff = clock.now() - dt.timedelta(seconds=window)
    deleted, _ = SubmissionRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted
