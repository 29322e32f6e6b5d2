"""Holding floods back without tracking anyone: a proof of work on every public submission and receipt sign-in,
and per-connection limits counted under short-lived keyed hashes of the address (tipline.client_privacy), held
only in the cache.

Browsers without JavaScript cannot solve the proof of work. They get a small allowance of submissions per
connection per hour instead (the reporting form must work without JavaScript); an administrator can set it to 0
during a flood, and raise the proof-of-work cost, in the intake settings."""

from __future__ import annotations

import enum
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from tipline.intake.models import IntakeSettings
from tipline.vault.proof_of_work import solution_verify

_SETTINGS_CACHE_KEY = "intake:settings"
_SETTINGS_CACHE_SECONDS = 30
_HOUR = 3600


class Refusal(enum.Enum):
    NO_PROOF = "proof_of_work_missing"
    BAD_PROOF = "proof_of_work_invalid"
    TOO_MANY = "rate_limited"


REFUSAL_MESSAGES = {
    Refusal.NO_PROOF: _(
        "The anti-flood check did not run in your browser. Allow JavaScript and wait for the check to finish, "
        "or report by telephone."
    ),
    Refusal.BAD_PROOF: _("The anti-flood check has expired or was already used. Send the form again."),
    Refusal.TOO_MANY: _("Too many submissions from this connection. Wait an hour, or report by telephone."),
}
REFUSAL_STATUS = {Refusal.NO_PROOF: 403, Refusal.BAD_PROOF: 403, Refusal.TOO_MANY: 429}


def intake_settings() -> IntakeSettings:
    """The current settings row (cached for half a minute: a raised cost reaches every process quickly)."""
    current = cache.get(_SETTINGS_CACHE_KEY)
    if current is None:
        current = IntakeSettings.objects.order_by("pk").first() or IntakeSettings(
            **settings.TIPLINE_FLOOD_DEFAULTS
        )
        cache.set(_SETTINGS_CACHE_KEY, current, _SETTINGS_CACHE_SECONDS)
    return current


def intake_settings_changed() -> None:
    cache.delete(_SETTINGS_CACHE_KEY)


def _count(key: str, *, limit: int) -> bool:
    """Counts one more event under `key` this hour; False once `limit` is passed."""
    if cache.add(key, 1, timeout=_HOUR):
        return limit >= 1
    try:
        return int(cache.incr(key)) <= limit
    except ValueError:
        cache.add(key, 1, timeout=_HOUR)
        return limit >= 1


@dataclass(frozen=True)
class Gate:
    refusal: Refusal | None

    @property
    def allowed(self) -> bool:
        return self.refusal is None

    @property
    def message(self) -> str:
        return str(REFUSAL_MESSAGES[self.refusal]) if self.refusal else ""

    @property
    def status(self) -> int:
        return REFUSAL_STATUS[self.refusal] if self.refusal else 200


def submission_gate(*, client_key: str, proof: str | None, purpose: str, allow_without_proof: bool) -> Gate:
    """Decides, before any costly work, whether a submission or sign-in may go on. `purpose` keeps the counters
    of different entry points apart ("report", "complaint", "sign-in")."""
    if not settings.TIPLINE_PROOF_OF_WORK_ENFORCED:
        return Gate(None)
    limits = intake_settings()
    if not _count(f"flood:{purpose}:{client_key}", limit=limits.submissions_per_client_hour):
        return Gate(Refusal.TOO_MANY)
    if not proof:
        if allow_without_proof and _count(
            f"flood-nojs:{purpose}:{client_key}", limit=limits.submissions_without_javascript_hour
        ):
            return Gate(None)
        return Gate(Refusal.NO_PROOF)
    verified = solution_verify(proof, minimum_cost=limits.proof_of_work_cost)
    if verified is None:
        return Gate(Refusal.BAD_PROOF)
    # Single use: the challenge (named by its signature, which says nothing about anyone) is remembered until it
    # would have expired anyway.
    remaining = max(1, verified.expires_at - int(time.time()))
    if not cache.add(f"pow-used:{verified.challenge_id}", 1, timeout=remaining):
        return Gate(Refusal.BAD_PROOF)
    return Gate(None)
