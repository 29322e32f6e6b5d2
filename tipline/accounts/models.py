"""Staff, their roles and the units they belong to."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from tipline.accounts.regions import REGIONS
from tipline.bilingual import BilingualMixin


class Unit(BilingualMixin, models.Model):
    """An office of the agency: national, provincial or municipal. A report is routed to the most specific unit
    that covers its region, else to the national unit."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("national")
        PROVINCIAL = "provincial", _("provincial")
        MUNICIPAL = "municipal", _("municipal")

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    region = models.CharField(
        _("region served"),
        max_length=6,
        choices=REGIONS,
        blank=True,
        help_text=_("Reports about this region are routed here. Empty for the national unit."),
    )
    duty_email = models.EmailField(_("duty officer e-mail"), blank=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["level", "code"]

    def __str__(self) -> str:
        return self.name_en


class Role(models.TextChoices):
    INTAKE_OFFICER = "intake_officer", _("intake officer")
    HANDLER = "handler", _("handler")
    SUPERVISOR = "supervisor", _("supervisor")
    IDENTITY_CUSTODIAN = "identity_custodian", _("identity custodian")
    REWARD_OFFICER = "reward_officer", _("reward officer")
    REWARD_APPROVER = "reward_approver", _("reward approver")
    EDITOR = "editor", _("editor")
    AUDITOR = "auditor", _("auditor")
    ADMINISTRATOR = "administrator", _("administrator")


# Roles whose work is reading reports. Everyone else (administrator, editor, auditor, custodian, reward roles)
# reads no report content at all.
CONTENT_READING_ROLES = frozenset({Role.INTAKE_OFFICER, Role.HANDLER, Role.SUPERVISOR})


class StaffUser(AbstractUser):
    """A member of staff. Only staff have accounts: reporters are known by their receipt code alone."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, null=True, related_name="staff"
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    recipient_key = models.OneToOneField(
        "vault.RecipientKey", verbose_name=_("key pair"), on_delete=models.PROTECT, null=True, blank=True
    )
    totp_secret_sealed = models.BinaryField(_("second factor secret (encrypted)"), null=True, editable=False)
    totp_last_step = models.BigIntegerField(_("last second-factor time step used"), null=True, editable=False)
    language = models.CharField(
        _("language"), max_length=8, choices=[("zh-hans", "简体中文"), ("en", "English")], default="zh-hans"
    )

    @property
    def reads_report_content(self) -> bool:
        return self.role in CONTENT_READING_ROLES

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
