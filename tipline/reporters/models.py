"""The conversation between staff and a reporter, and protection requests (text encrypted with the report's
content key); complaints about staff, which go to oversight only (encrypted with their own data key)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportMessage(models.Model):
    """A question from staff or a message from the reporter (an answer, or more information)."""

    class Author(models.TextChoices):
        STAFF = "staff", _("staff")
        REPORTER = "reporter", _("reporter")

    report = models.ForeignKey("intake.Report", on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(_("from"), max_length=8, choices=Author.choices)
    staff_author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff author"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    body = models.BinaryField(_("text (encrypted)"))
    created_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["report", "created_at"], name="reporters_msg_report_idx")]


class ProtectionRequest(models.Model):
    """A reporter asks for protection for themselves or their close relatives (Counter-Espionage Law). Urgent by
    nature: the unit's duty officer is told at once (tipline.cases)."""

    class ForWhom(models.TextChoices):
        SELF = "self", _("myself")
        RELATIVES = "relatives", _("my close relatives")
        BOTH = "both", _("myself and my close relatives")

    report = models.ForeignKey("intake.Report", on_delete=models.CASCADE, related_name="protection_requests")
    for_whom = models.CharField(_("for whom"), max_length=12, choices=ForWhom.choices)
    details = models.BinaryField(_("details (encrypted)"))
    created_at = models.DateTimeField(_("requested at"))

    class Meta:
        verbose_name = _("protection request")
        verbose_name_plural = _("protection requests")


class ComplaintStatus(models.TextChoices):
    """What the complainant sees, and oversight's queue filter."""

    RECEIVED = "received", _("received")
    UNDER_REVIEW = "under_review", _("under review")
    RESULT_RECORDED = "result_recorded", _("result recorded")


class Complaint(models.Model):
    """A complaint about the conduct of staff (leaking a reporter's identity, demanding bribes, ignoring reports).
    It goes to oversight (auditors) only: it is not a report, has no case, no unit and no place in any handler's
    queue, so staff never see complaints that may be about them.

    Like a report it is opened with a receipt code (only an Argon2id lookup key is stored), and what the
    complainant wrote is encrypted with its own data key. Nothing about the complainant is kept beyond what they
    chose to type into the form."""

    public_id = models.CharField(_("complaint number"), max_length=16, unique=True)
    registered_at = models.DateTimeField(_("registered at"), db_index=True)
    language = models.CharField(_("language"), max_length=2, choices=[("zh", "中文"), ("en", "English")])
    status = models.CharField(
        _("status"), max_length=16, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    receipt_lookup = models.BinaryField(_("receipt lookup key"), unique=True)
    content_key = models.ForeignKey(
        "vault.DataKey", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("content key")
    )
    content = models.BinaryField(_("content (encrypted)"))
    result = models.BinaryField(_("result (encrypted)"), null=True)
    result_at = models.DateTimeField(_("result recorded at"), null=True)
    result_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("result recorded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [models.Index(fields=["status", "registered_at"], name="reporters_complaint_queue_idx")]

    def __str__(self) -> str:
        return self.public_id


class ComplaintSubmission(models.Model):
    """Remembers a complaint form's idempotency token (as a keyed digest) for a while, so a retried submit
    returns the same complaint and receipt instead of making a second one (intake.SubmissionRecord for reports)."""

    token_digest = models.BinaryField(_("token digest"), unique=True)
    content_digest = models.BinaryField(_("content digest"))
    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("created at"), db_index=True)

    class Meta:
        verbose_name = _("complaint submission record")
        verbose_name_plural = _("complaint submission records")
