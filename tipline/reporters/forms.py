from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tipline.intake.submissions import FIELD_MAX_CHARS, TEXT_MAX_CHARS
from tipline.reporters.models import ProtectionRequest


class ReceiptSignInForm(forms.Form):
    receipt = forms.CharField(
        label=_("Your receipt code"),
        help_text=_("16 digits. Spaces do not matter."),
        max_length=64,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "autocapitalize": "off",
                "spellcheck": "false",
                "placeholder": "0000 0000 0000 0000",
            }
        ),
        error_messages={"required": _("Enter your receipt code.")},
    )


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer or more information"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_MAX_CHARS,
        error_messages={"required": _("Write something first.")},
    )


class ProtectionRequestForm(forms.Form):
    for_whom = forms.ChoiceField(
        label=_("Who needs protection?"), choices=ProtectionRequest.ForWhom.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("What are you afraid of?"),
        help_text=_("What has happened or what you fear will happen, and how we can reach you safely."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=FIELD_MAX_CHARS,
        error_messages={"required": _("Tell us what you are afraid of.")},
    )
