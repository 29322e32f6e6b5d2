"""Sealing reporter identities: a per-report identity key that only identity custodians (and the offline escrow
key) can open. The server never holds it unsealed beyond the request that encrypts with it."""

from __future__ import annotations

from django.db.models import QuerySet

from tipline.vault import tinkset
from tipline.vault.envelope import DecryptionFailed
from tipline.vault.models import RecipientKey, SealedCopy, SealedKeyset
from tipline.vault.providers import loaded_keys


def _seal_context(keyset: SealedKeyset, binding: str) -> bytes:
    return f"tipline/identity-key/{keyset.id}/{binding}".encode()


def escrow_recipient() -> RecipientKey:
    """The escrow key's row, made on first use from the public half in the key file."""
    public = loaded_keys().file.escrow_public
    recipient, _ = RecipientKey.objects.get_or_create(
        kind=RecipientKey.Kind.ESCROW,
        public_keyset=public,
        defaults={"receives_identity_seals": True},
    )
    return recipient


def identity_recipients() -> QuerySet[RecipientKey]:
    escrow_recipient()
    return RecipientKey.objects.filter(receives_identity_seals=True)


def identity_seal(plaintext: bytes, *, binding: str) -> tuple[SealedKeyset, bytes]:
    """Encrypts `plaintext` under a fresh identity key and seals that key to every current identity recipient.
    Returns the saved keyset row and the ciphertext. Call inside the transaction that stores the ciphertext."""
    handle = tinkset.keyset_new(tinkset.AEAD_TEMPLATE)
    ciphertext = handle.primitive(tinkset.Aead).encrypt(plaintext, binding.encode())
    keyset = SealedKeyset.objects.create()
    serialized = tinkset.keyset_to_bytes(handle)
    context = _seal_context(keyset, binding)
    SealedCopy.objects.bulk_create(
        SealedCopy(
            keyset=keyset,
            recipient=recipient,
            sealed=tinkset.public_keyset_from_json(recipient.public_keyset)
            .primitive(tinkset.HybridEncrypt)
            .encrypt(serialized, context),
        )
        for recipient in identity_recipients()
    )
    return keyset, ciphertext


def identity_open(
    keyset: SealedKeyset,
    ciphertext: bytes,
    *,
    binding: str,
    recipient: RecipientKey,
    recipient_private: tinkset.KeysetHandle,
) -> bytes:
    """Opens an identity with a recipient's unlocked private key (see staff_keys.recipient_private_unlock)."""
    copy = SealedCopy.objects.filter(keyset=keyset, recipient=recipient).first()
    if copy is None:
        raise DecryptionFailed("this identity key is not sealed to this recipient")
    try:
        serialized = recipient_private.primitive(tinkset.HybridDecrypt).decrypt(
            bytes(copy.sealed), _seal_context(keyset, binding)
        )
        handle = tinkset.keyset_from_bytes(serialized)
        return handle.primitive(tinkset.Aead).decrypt(bytes(ciphertext), binding.encode())
    except tinkset.TinkError as error:
        raise DecryptionFailed(binding) from error


def identity_reseal(
    keyset: SealedKeyset,
    *,
    binding: str,
    holder: RecipientKey,
    holder_private: tinkset.KeysetHandle,
    new_recipient: RecipientKey,
) -> SealedCopy:
    """Seals an identity key to one more recipient (a handler granted access to one report), opened by a holder
    who already has it (a custodian)."""
    copy = SealedCopy.objects.get(keyset=keyset, recipient=holder)
    context = _seal_context(keyset, binding)
    try:
        serialized = holder_private.primitive(tinkset.HybridDecrypt).decrypt(bytes(copy.sealed), context)
    except tinkset.TinkError as error:
        raise DecryptionFailed(binding) from error
    sealed = (
        tinkset.public_keyset_from_json(new_recipient.public_keyset)
        .primitive(tinkset.HybridEncrypt)
        .encrypt(serialized, context)
    )
    copy, _ = SealedCopy.objects.update_or_create(
        keyset=keyset, recipient=new_recipient, defaults={"sealed": sealed}
    )
    return copy


def identity_sealed_to(keyset: SealedKeyset, recipient: RecipientKey) -> bool:
    return SealedCopy.objects.filter(keyset=keyset, recipient=recipient).exists()
