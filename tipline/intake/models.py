"""Reports as they arrive through any channel, and their attachments.

Only what routing and queues need is kept in the clear (category, region, unit, channel, language, times,
status, consent choices). What happened, who is involved, identifiers, attachments and the reporter's identity
are encrypted; see tipline/vault."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from tipline.accounts.regions import REGIONS
from tipline.bilingual import BilingualMixin


class Category(BilingualMixin, models.Model):
    """A kind of act a reporter can report (DESIGN.md's table). Codes are stable: the API, exports and triage
    use them."""

    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=120)
    help_zh = models.TextField(_("explanation (Chinese)"), blank=True)
    help_en = models.TextField(_("explanation (English)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("offered to reporters"), default=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.code


class Channel(models.TextChoices):
    WEB = "web", _("website")
    API = "api", _("app or mini-program")
    WECHAT = "wechat", _("WeChat")
    TELEPHONE = "telephone", _("telephone")
    LETTER = "letter", _("letter")
    IN_PERSON = "in_person", _("in person")
    TRANSFERRED = "transferred", _("transferred from another authority")


class ReporterKind(models.TextChoices):
    ANONYMOUS = "anonymous", _("anonymous")
    PERSON = "person", _("by name, as a person")
    ORGANISATION = "organisation", _("by name, as an organisation")


class ReportStatus(models.TextChoices):
    """The coarse status a reporter sees. Staff work with finer states (tipline.cases)."""

    RECEIVED = "received", _("received")
    IN_PROGRESS = "in_progress", _("being handled")
    CLOSED = "closed", _("closed")


class Report(models.Model):
    """A report. `registered_at` is set once by the server at commit and decides priority between reporters;
    a database trigger refuses any change to it."""

    public_id = models.CharField(_("report number"), max_length=16, unique=True)
    registered_at = models.DateTimeField(_("registered at"), db_index=True)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=2, choices=[("zh", "中文"), ("en", "English")])
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    region = models.CharField(_("region"), max_length=6, choices=REGIONS)
    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.RECEIVED
    )
    reporter_kind = models.CharField(_("reporter"), max_length=12, choices=ReporterKind.choices)
    consent_contact = models.BooleanField(_("may be contacted"), default=False)
    consent_disclosure = models.BooleanField(
        _("identity may be disclosed to other authorities"), default=False
    )
    consent_ceremony = models.BooleanField(
        _("agrees to a reward ceremony or payment via employer"), default=False
    )
    read_back = models.BooleanField(
        _("transcript read back to the reporter"), null=True, help_text=_("Staff-entered reports only.")
    )

    receipt_lookup = models.BinaryField(_("receipt lookup key"), unique=True)
    content_key = models.ForeignKey(
        "vault.DataKey", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("content key")
    )
    content = models.BinaryField(_("content (encrypted)"))
    attachment_key = models.ForeignKey(
        "vault.DataKey",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("attachment key"),
    )
    identity_keyset = models.ForeignKey(
        "vault.SealedKeyset",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("identity key"),
    )
    identity = models.BinaryField(_("identity (sealed)"), null=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [models.Index(fields=["unit", "status", "registered_at"], name="intake_report_queue_idx")]

    def __str__(self) -> str:
        return self.public_id


class Attachment(models.Model):
    """A file a reporter sent, stripped of metadata and stored encrypted (streaming AEAD) outside the database.
    Its original name is encrypted with the report's content key."""

    class AddedBy(models.TextChoices):
        REPORTER = "reporter", _("reporter")
        STAFF = "staff", _("staff")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    media_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    name_sealed = models.BinaryField(_("file name (encrypted)"))
    added_by = models.CharField(_("added by"), max_length=8, choices=AddedBy.choices)
    added_at = models.DateTimeField(_("added at"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["added_at"]


class SubmissionRecord(models.Model):
    """Remembers an idempotency token (as a keyed digest) for a day, so a retried submit returns the same report
    and receipt instead of making a second report."""

    token_digest = models.BinaryField(_("token digest"), unique=True)
    content_digest = models.BinaryField(_("content digest"))
    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("created at"), db_index=True)

    class Meta:
        verbose_name = _("submission record")
        verbose_name_plural = _("submission records")


class IntakeSettings(models.Model):
    """Flood controls an administrator can change while the system runs (one row). Raising the proof-of-work
    cost during a flood makes every automated submission slower without tracking anyone."""

    proof_of_work_cost = models.PositiveIntegerField(
        _("proof-of-work cost"),
        default=5000,
        help_text=_(
            "PBKDF2 iterations per attempt. A phone solves the default in about a second; double it during a flood."
        ),
    )
    submissions_per_client_hour = models.PositiveSmallIntegerField(
        _("submissions per connection per hour"),
        default=20,
        help_text=_(
            "Counted under a short-lived keyed hash of the connection's address, held only in the cache."
        ),
    )
    submissions_without_javascript_hour = models.PositiveSmallIntegerField(
        _("submissions without proof of work per connection per hour"),
        default=3,
        help_text=_(
            "Browsers without JavaScript cannot solve the proof of work; they get this many. 0 refuses them."
        ),
    )

    class Meta:
        verbose_name = _("intake settings")
        verbose_name_plural = _("intake settings")

    def __str__(self) -> str:
        return str(_("intake settings"))
