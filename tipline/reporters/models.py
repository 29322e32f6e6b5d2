"""The conversation between staff and a reporter, and protection requests. Text is encrypted with the report's
content key."""

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
