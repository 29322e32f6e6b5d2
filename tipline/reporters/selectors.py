"""What a reporter holding a receipt code may read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tipline.intake.models import Report
from tipline.intake.services import content_binding
from tipline.reporters.models import ReportMessage
from tipline.vault import envelope
from tipline.vault.receipts import ReceiptCode, receipt_lookup_candidates


def report_for_receipt(code: ReceiptCode) -> Report | None:
    """The report a receipt code opens, or None. Costs one Argon2id call per pepper key: that cost is the point."""
    return Report.objects.filter(receipt_lookup__in=receipt_lookup_candidates(code)).first()


def message_binding(public_id: str) -> str:
    return content_binding(public_id) + ":message"


@dataclass(frozen=True)
class ThreadEntry:
    author: str
    text: str
    at: dt.datetime


def reporter_thread(report: Report) -> list[ThreadEntry]:
    """The questions from staff and the reporter's messages, oldest first, decrypted."""
    messages = list(ReportMessage.objects.filter(report=report).order_by("created_at", "id"))
    if not messages:
        return []
    binding = message_binding(report.public_id)
    key = report.content_key
    return [
        ThreadEntry(
            author=message.author,
            text=envelope.decrypt(key, bytes(message.body), binding=binding).decode("utf-8"),
            at=message.created_at,
        )
        for message in messages
    ]
