"""What the agency publishes: notices, guidance pages and the contact directory. There is no comment feature."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tipline.bilingual import BilingualMixin


class Notice(BilingualMixin, models.Model):
    """A notice or a guidance page, written in Markdown in both languages. Rendered through a sanitiser, so an
    editor's Markdown can never put script on the public site."""

    class Kind(models.TextChoices):
        NOTICE = "notice", _("notice")
        GUIDANCE = "guidance", _("guidance")

    slug = models.SlugField(_("web address (slug)"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NOTICE)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_zh = models.CharField(_("summary (Chinese)"), max_length=400, blank=True)
    summary_en = models.CharField(_("summary (English)"), max_length=400, blank=True)
    body_zh = models.TextField(_("text (Chinese, Markdown)"), blank=True)
    body_en = models.TextField(_("text (English, Markdown)"), blank=True)
    pinned = models.BooleanField(_("pinned on the home page"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-pinned", "-published_at"]

    def __str__(self) -> str:
        return self.slug

    def has_language(self, suffix: str) -> bool:
        return bool(getattr(self, f"title_{suffix}") and getattr(self, f"body_{suffix}"))


class ContactEntry(BilingualMixin, models.Model):
    """How to reach one unit: telephone, postal mailbox, online platform."""

    unit = models.OneToOneField(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="contact"
    )
    telephone = models.CharField(_("telephone"), max_length=40, blank=True)
    mailbox_zh = models.TextField(_("postal address (Chinese)"), blank=True)
    mailbox_en = models.TextField(_("postal address (English)"), blank=True)
    online_url = models.URLField(_("online platform"), blank=True)
    note_zh = models.CharField(_("note (Chinese)"), max_length=200, blank=True)
    note_en = models.CharField(_("note (English)"), max_length=200, blank=True)
    published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("contact entry")
        verbose_name_plural = _("contact directory")
