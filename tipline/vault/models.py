"""What the vault stores in the database: wrapped or sealed keys, never a key in the clear."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataKey(models.Model):
    """One report's data key (a Tink keyset) wrapped by the key-encryption key. Deleting the row shreds
    everything encrypted under it."""

    class Purpose(models.TextChoices):
        CONTENT = "content", _("report content and messages")
        ATTACHMENTS = "attachments", _("attachments (streaming)")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices)
    wrapped = models.BinaryField(_("wrapped keyset"))
    kek_key_id = models.BigIntegerField(
        _("wrapping key id"), help_text=_("Primary key-encryption key at the last wrap.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("data key")
        verbose_name_plural = _("data keys")
        indexes = [models.Index(fields=["kek_key_id"], name="vault_datakey_kek_idx")]


class RecipientKey(models.Model):
    """A public key that identity keys are sealed to: an identity custodian's (private half kept encrypted
    under a key derived from their password) or the escrow key (private half kept offline)."""

    class Kind(models.TextChoices):
        ESCROW = "escrow", _("escrow")
        STAFF = "staff", _("staff member")

    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    public_keyset = models.TextField(_("public keyset"))
    protected_private = models.BinaryField(_("password-protected private keyset"), null=True)
    kdf_salt = models.BinaryField(_("password KDF salt"), null=True)
    receives_identity_seals = models.BooleanField(
        _("receives identity seals"),
        default=False,
        help_text=_("Set for identity custodians and the escrow key."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("recipient key")
        verbose_name_plural = _("recipient keys")


class SealedKeyset(models.Model):
    """A per-report key for identity and contact details. It is never wrapped by the KEK: it exists only as
    copies sealed to recipients, so the server alone cannot open it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sealed keyset")
        verbose_name_plural = _("sealed keysets")


class SealedCopy(models.Model):
    """The identity keyset sealed (HPKE) to one recipient."""

    keyset = models.ForeignKey(SealedKeyset, on_delete=models.CASCADE, related_name="copies")
    recipient = models.ForeignKey(RecipientKey, on_delete=models.PROTECT, related_name="sealed_copies")
    sealed = models.BinaryField(_("sealed keyset"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sealed copy")
        verbose_name_plural = _("sealed copies")
        constraints = [
            models.UniqueConstraint(fields=["keyset", "recipient"], name="vault_sealedcopy_unique")
        ]
