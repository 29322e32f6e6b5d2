"""Envelope encryption of report content: one data key per report and purpose, wrapped by the KEK.

Every ciphertext is bound to what it belongs to through the AEAD's associated data (`binding`), so a ciphertext
copied to another report, field or attachment fails to decrypt instead of showing the wrong content."""

from __future__ import annotations

import shutil
from typing import BinaryIO

from tipline.vault import tinkset
from tipline.vault.models import DataKey
from tipline.vault.providers import kek_provider

STREAM_CHUNK_BYTES = 64 * 1024


class DecryptionFailed(Exception):
    """The ciphertext was altered, belongs elsewhere, or its key is gone."""


def _wrapping_binding(data_key_id: object, purpose: str) -> bytes:
    return f"tipline/data-key/{data_key_id}/{purpose}".encode()


def data_key_new(*, purpose: DataKey.Purpose) -> DataKey:
    """Makes a fresh data key, wrapped and ready to use but not yet saved: callers encrypt with it first and save
    it in the same transaction as what it protects, so the transaction holds no lock while encrypting."""
    template = tinkset.STREAMING_TEMPLATE if purpose == DataKey.Purpose.ATTACHMENTS else tinkset.AEAD_TEMPLATE
    data_key = DataKey(purpose=purpose)
    _wrap_into(data_key, tinkset.keyset_new(template))
    return data_key


def _wrap_into(data_key: DataKey, handle: tinkset.KeysetHandle) -> None:
    kek = kek_provider().kek_aead()
    data_key.wrapped = tinkset.keyset_wrap(handle, kek, _wrapping_binding(data_key.id, data_key.purpose))
    data_key.kek_key_id = kek_primary_id()


def kek_primary_id() -> int:
    # The local provider exposes its keyset; other providers report 0 (their rotation lives in the KMS).
    from tipline.vault.providers import LocalFileKekProvider, loaded_keys

    if isinstance(kek_provider(), LocalFileKekProvider):
        return tinkset.primary_key_id(loaded_keys().file.keyset("content_kek"))
    return 0


def _unwrap(data_key: DataKey) -> tinkset.KeysetHandle:
    try:
        return tinkset.keyset_unwrap(
            bytes(data_key.wrapped),
            kek_provider().kek_aead(),
            _wrapping_binding(data_key.id, data_key.purpose),
        )
    except tinkset.TinkError as error:
        raise DecryptionFailed("data key does not unwrap") from error


def data_key_rewrap(data_key: DataKey) -> None:
    """Re-wraps under the current primary KEK (after a rotation). The data key itself is unchanged, so nothing it
    encrypted needs touching."""
    _wrap_into(data_key, _unwrap(data_key))
    data_key.save(update_fields=["wrapped", "kek_key_id"])


def encrypt(data_key: DataKey, plaintext: bytes, *, binding: str) -> bytes:
    return _unwrap(data_key).primitive(tinkset.Aead).encrypt(plaintext, binding.encode())


def decrypt(data_key: DataKey, ciphertext: bytes, *, binding: str) -> bytes:
    try:
        return _unwrap(data_key).primitive(tinkset.Aead).decrypt(bytes(ciphertext), binding.encode())
    except tinkset.TinkError as error:
        raise DecryptionFailed(binding) from error


def encrypt_stream(data_key: DataKey, source: BinaryIO, destination: BinaryIO, *, binding: str) -> None:
    """Encrypts `source` into `destination` chunk by chunk: the whole file is never in memory."""
    streaming = _unwrap(data_key).primitive(tinkset.StreamingAead)
    with streaming.new_encrypting_stream(destination, binding.encode()) as encrypting:
        shutil.copyfileobj(source, encrypting, STREAM_CHUNK_BYTES)


def decrypt_stream(data_key: DataKey, source: BinaryIO, destination: BinaryIO, *, binding: str) -> None:
    """Decrypts chunk by chunk. Tink checks each segment before releasing it and fails on truncation, so a
    tampered file raises DecryptionFailed (what was already written to `destination` must then be discarded)."""
    streaming = _unwrap(data_key).primitive(tinkset.StreamingAead)
    try:
        with streaming.new_decrypting_stream(source, binding.encode()) as decrypting:
            shutil.copyfileobj(decrypting, destination, STREAM_CHUNK_BYTES)
    except tinkset.TinkError as error:
        raise DecryptionFailed(binding) from error
