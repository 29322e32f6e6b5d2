"""What a submission is, independent of the channel it came through: the web form, the API, WeChat and staff
entry all build a ReportDraft and call intake.services.report_submit."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from tipline.accounts.regions import REGION_CODES, UNKNOWN
from tipline.intake.models import Category, Channel, ReporterKind
from tipline.vault.receipts import ReceiptCode

TEXT_MAX_CHARS = 20_000
FIELD_MAX_CHARS = 2_000
NAME_MAX_CHARS = 200


@dataclass(frozen=True)
class ReporterIdentity:
    """Who a real-name reporter is and how to reach them. Sealed to identity custodians; never in the clear."""

    kind: ReporterKind
    name: str  # the person's name, or the organisation's
    contact_person: str = ""  # organisations: who to speak to
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass(frozen=True)
class Consent:
    contact: bool = False
    disclosure: bool = False
    ceremony: bool = False


@dataclass(frozen=True)
class ReportDraft:
    channel: Channel
    category: str
    language: str
    text: str
    occurred: str = ""
    place: str = ""
    region: str = UNKNOWN
    people: str = ""
    identifiers: str = ""
    identity: ReporterIdentity | None = None  # None: anonymous
    consent: Consent = field(default_factory=Consent)
    # Staff-entered reports (telephone, letter, in person, transferred):
    source: str = ""  # who transferred it (another state organ, an employer); encrypted with the content
    read_back: bool | None = None  # whether the transcript was read back to the reporter

    @property
    def reporter_kind(self) -> ReporterKind:
        return ReporterKind.ANONYMOUS if self.identity is None else self.identity.kind

    def content_json(self) -> bytes:
        """The part of the report that is encrypted with its content key."""
        content = {
            key: getattr(self, key)
            for key in ("text", "occurred", "place", "people", "identifiers", "source")
        }
        return json.dumps(content, ensure_ascii=False).encode("utf-8")

    def canonical_bytes(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True).encode("utf-8")


@dataclass(frozen=True)
class IncomingFile:
    """A file as received, in the scratch directory (see intake/uploads.py)."""

    path: Path
    original_name: str
    size: int
    digest: bytes


@dataclass(frozen=True)
class Receipt:
    code: ReceiptCode
    report_public_id: str
    registered_at: dt.datetime
    replayed: bool = False  # a retried submit: the report already existed


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a submission: the field it concerns and a message for the person who sent it."""

    field: str
    code: str
    message: str


class SubmissionInvalid(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.code}" for p in problems))
        self.problems = problems


class SubmissionTokenReused(Exception):
    """The idempotency token was already used for a different submission."""


ATTACHMENT_PROBLEM_MESSAGES = {
    "too_large": _("This file is larger than the limit."),
    "too_many_files": _("Too many files: send the rest after you get your receipt code."),
    "empty": _("This file is empty."),
    "type_not_allowed": _(
        "This kind of file is not accepted. Send photos (JPEG, PNG, WebP), PDF, Word, Excel, PowerPoint or text."
    ),
    "damaged": _("This file could not be read. It may be damaged."),
    "encrypted": _("This PDF is password-protected. Send it without the password protection."),
    "image_too_large": _("This picture has too many pixels. Send a smaller version."),
}


def _length_problem(field_name: str, value: str, limit: int) -> Problem | None:
    if len(value) > limit:
        return Problem(
            field_name,
            "too_long",
            str(_("This is too long (at most %(limit)d characters).") % {"limit": limit}),
        )
    return None


def report_draft_problems(draft: ReportDraft) -> list[Problem]:
    """Every rule a submission must meet, whatever channel it came from. Empty when the draft is acceptable."""
    problems: list[Problem] = []
    if not Category.objects.filter(code=draft.category, active=True).exists():
        problems.append(Problem("category", "unknown", str(_("Choose one of the listed categories."))))
    if draft.language not in ("zh", "en"):
        problems.append(Problem("language", "unknown", str(_("The language must be zh or en."))))
    if not draft.text.strip():
        problems.append(Problem("text", "required", str(_("Tell us what happened."))))
    if draft.region not in REGION_CODES:
        problems.append(Problem("region", "unknown", str(_("Choose a region from the list."))))
    limits = {
        "text": TEXT_MAX_CHARS,
        "occurred": FIELD_MAX_CHARS,
        "place": FIELD_MAX_CHARS,
        "people": FIELD_MAX_CHARS,
        "identifiers": FIELD_MAX_CHARS,
        "source": NAME_MAX_CHARS,
    }
    for name, limit in limits.items():
        problem = _length_problem(name, getattr(draft, name), limit)
        if problem:
            problems.append(problem)
    strings = [draft.text, draft.occurred, draft.place, draft.people, draft.identifiers, draft.source]
    if draft.identity is not None:
        strings += [str(value) for value in asdict(draft.identity).values()]
    if any("\x00" in value for value in strings):
        problems.append(
            Problem("text", "invalid", str(_("The text contains characters that cannot be stored.")))
        )
    identity = draft.identity
    if identity is None:
        if draft.consent.disclosure or draft.consent.ceremony or draft.consent.contact:
            problems.append(
                Problem("consent", "anonymous", str(_("Consent choices apply only to reports made by name.")))
            )
        return problems
    if identity.kind not in (ReporterKind.PERSON, ReporterKind.ORGANISATION):
        problems.append(
            Problem("reporter_kind", "unknown", str(_("Choose anonymous, person or organisation.")))
        )
    if not identity.name.strip():
        problems.append(Problem("name", "required", str(_("Give your name, or report anonymously."))))
    if not (identity.phone.strip() or identity.email.strip() or identity.address.strip()):
        problems.append(
            Problem(
                "phone",
                "required",
                str(_("Give at least one way to reach you: telephone, e-mail or address.")),
            )
        )
    if identity.email and "@" not in identity.email:
        problems.append(Problem("email", "invalid", str(_("This does not look like an e-mail address."))))
    for name in ("name", "contact_person", "id_number", "phone", "email", "address"):
        problem = _length_problem(name, getattr(identity, name), NAME_MAX_CHARS)
        if problem:
            problems.append(problem)
    return problems
