"""Idempotent submissions, shared by reports and complaints about staff.

A submission carries a token (from the form page, or an app's Idempotency-Key). The receipt code is derived
from the token, so a retry with the same token and the same content finds the record of the first try and gets
the same receipt back; the same token with other content is refused. The database keeps only keyed digests of
the token and of the content, for a day (see the purge tasks)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Model

from tipline.intake.submissions import Receipt, SubmissionTokenReused
from tipline.vault.receipts import (
    ReceiptCode,
    SubmissionToken,
    receipt_for_submission,
    submission_content_digest,
    submission_token_digest,
)


@dataclass(frozen=True)
class Submission:
    """One attempt to register something. `records` is the model that remembers tokens (SubmissionRecord,
    ComplaintSubmission), `registered` the name of its link to what was registered (which has `public_id`,
    `registered_at` and `receipt_lookup`), `kind` keeps receipts of different kinds apart."""

    records: type[Model]
    registered: str
    kind: str
    token: SubmissionToken
    token_digest: bytes
    content_digest: bytes

    @classmethod
    def of(
        cls, *, records: type[Model], registered: str, kind: str, token: SubmissionToken, content: bytes
    ) -> Submission:
        return cls(
            records=records,
            registered=registered,
            kind=kind,
            token=token,
            token_digest=submission_token_digest(token),
            content_digest=submission_content_digest(content),
        )

    @property
    def receipt_code(self) -> ReceiptCode:
        return receipt_for_submission(self.token, kind=self.kind)

    def record_fields(self) -> dict[str, Any]:
        """The digests to store with the record, in the registering transaction."""
        return {"token_digest": self.token_digest, "content_digest": self.content_digest}

    def replayed_receipt(self) -> Receipt | None:
        """The receipt of an earlier try with this token, or None. Raises SubmissionTokenReused when the token
        came with other content."""
        record = (
            self.records._default_manager.select_related(self.registered)
            .filter(token_digest=self.token_digest)
            .first()
        )
        if record is None:
            return None
        if bytes(record.content_digest) != self.content_digest:  # type: ignore[attr-defined]
            raise SubmissionTokenReused
        registered = getattr(record, self.registered)
        return Receipt(
            code=self.receipt_code,
            report_public_id=registered.public_id,
            registered_at=registered.registered_at,
            replayed=True,
        )

    def after_conflict(self, lookup: bytes) -> Receipt | None:
        """After the registering transaction failed on a unique constraint: either the same token committed
        meanwhile (a retry that raced the first try: answer as a retry), or the token was used again after its
        record was purged (same receipt code: refused). None: the conflict was something else, for the caller to
        re-raise."""
        replay = self.replayed_receipt()
        if replay is not None:
            return replay
        registered_model = self.records._meta.get_field(self.registered).related_model
        if registered_model._default_manager.filter(receipt_lookup=lookup).exists():  # type: ignore[union-attr]
            raise SubmissionTokenReused
        return None
