"""Key rotation."""

from __future__ import annotations

from django.db import transaction

from tipline.audit.services import Actor, audit_append
from tipline.vault import envelope, tinkset
from tipline.vault.models import DataKey
from tipline.vault.providers import kek_provider, key_file_rotate, loaded_keys

REWRAP_BATCH = 500


def kek_rotate_and_rewrap(*, acting: Actor) -> int:
    """Makes a new KEK primary, then re-wraps every data key under it (the data keys themselves, and so every
    ciphertext, stay as they are). Safe to re-run: it picks up where it stopped. Returns how many were re-wrapped."""
    kek_provider().kek_rotate()
    return data_keys_rewrap(acting=acting)


def data_keys_rewrap(*, acting: Actor) -> int:
    primary = envelope.kek_primary_id()
    rewrapped = 0
    while True:
        with transaction.atomic(durable=True):
            batch = list(DataKey.objects.exclude(kek_key_id=primary).select_for_update()[:REWRAP_BATCH])
            for data_key in batch:
                envelope.data_key_rewrap(data_key)
            if batch:
                audit_append(
                    actor=acting,
                    action="vault.data_keys_rewrapped",
                    details={"count": len(batch), "kek_key_id": primary},
                )
        rewrapped += len(batch)
        if len(batch) < REWRAP_BATCH:
            return rewrapped


def key_file_job_rotate(*, job: str, acting: Actor) -> None:
    """Rotates one of the key file's other keysets (receipt pepper, token PRF, cookie key, client hash)."""
    key_file_rotate(job)
    with transaction.atomic(durable=True):
        primary = tinkset.primary_key_id(loaded_keys().file.keyset(job))
        audit_append(actor=acting, action="vault.key_rotated", details={"job": job, "key_id": primary})
