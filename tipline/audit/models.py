"""The audit log: append-only and hash-chained. Each event's hash is a keyed digest (tipline.vault.digests) of the
previous event's hash and the event's own record, so changing, inserting or removing an event breaks the chain from
that point on (`manage.py audit_verify` finds where), and without the key nobody can forge a new chain."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Who did what to which subject, why and when. Holds no report content and nothing about a reporter."""

    class ActorKind(models.TextChoices):
        STAFF = "staff", _("staff member")
        REPORTER = "reporter", _("reporter (by receipt code)")
        SYSTEM = "system", _("system")

    sequence = models.PositiveBigIntegerField(_("sequence"), unique=True)
    occurred_at = models.DateTimeField(_("occurred at"))
    actor_kind = models.CharField(_("actor kind"), max_length=8, choices=ActorKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=64)
    subject = models.CharField(
        _("subject"), max_length=64, blank=True, help_text=_("e.g. a report's public id")
    )
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    previous_hash = models.BinaryField(_("previous hash"))
    hash = models.BinaryField(_("hash"))
    key_id = models.PositiveBigIntegerField(
        _("chain key id"), help_text=_("Which key of the audit chain keyset computed the hash.")
    )

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["sequence"]
        indexes = [
            models.Index(fields=["subject", "sequence"], name="audit_subject_idx"),
            models.Index(fields=["action", "sequence"], name="audit_action_idx"),
        ]


class AuditChainHead(models.Model):
    """One row: the last sequence and hash. Appending locks it, which orders concurrent appends; verification
    compares the chain's end with it, so removing the newest events is caught too."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.BinaryField(default=bytes(32))

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain heads")
