"""Tink registration and the few keyset conversions the vault needs. Django-free: the key file is read by the
settings module before Django starts."""

from __future__ import annotations

import tink
from tink import aead, hybrid, prf, secret_key_access, streaming_aead
from tink.proto import aes_gcm_pb2, tink_pb2

aead.register()
hybrid.register()
prf.register()
streaming_aead.register()

AEAD_TEMPLATE = aead.aead_key_templates.AES256_GCM
STREAMING_TEMPLATE = streaming_aead.streaming_aead_key_templates.AES256_GCM_HKDF_4KB
HYBRID_TEMPLATE = hybrid.hybrid_key_templates.DHKEM_X25519_HKDF_SHA256_HKDF_SHA256_AES_256_GCM
PRF_TEMPLATE = prf.prf_key_templates.HMAC_SHA256

Aead = aead.Aead
StreamingAead = streaming_aead.StreamingAead
HybridEncrypt = hybrid.HybridEncrypt
HybridDecrypt = hybrid.HybridDecrypt
PrfSet = prf.PrfSet
KeysetHandle = tink.KeysetHandle
TinkError = tink.TinkError


def keyset_new(template: object) -> tink.KeysetHandle:
    return tink.new_keyset_handle(template)


def keyset_to_json(handle: tink.KeysetHandle) -> str:
    return tink.json_proto_keyset_format.serialize(handle, secret_key_access.TOKEN)


def keyset_from_json(text: str) -> tink.KeysetHandle:
    return tink.json_proto_keyset_format.parse(text, secret_key_access.TOKEN)


def public_keyset_to_json(handle: tink.KeysetHandle) -> str:
    return tink.json_proto_keyset_format.serialize_without_secret(handle.public_keyset_handle())


def public_keyset_from_json(text: str) -> tink.KeysetHandle:
    return tink.json_proto_keyset_format.parse_without_secret(text)


def keyset_to_bytes(handle: tink.KeysetHandle) -> bytes:
    return tink.proto_keyset_format.serialize(handle, secret_key_access.TOKEN)


def keyset_from_bytes(data: bytes) -> tink.KeysetHandle:
    return tink.proto_keyset_format.parse(data, secret_key_access.TOKEN)


def keyset_wrap(handle: tink.KeysetHandle, wrapping: aead.Aead, associated_data: bytes) -> bytes:
    return tink.proto_keyset_format.serialize_encrypted(handle, wrapping, associated_data)


def keyset_unwrap(data: bytes, wrapping: aead.Aead, associated_data: bytes) -> tink.KeysetHandle:
    return tink.proto_keyset_format.parse_encrypted(data, wrapping, associated_data)


def aead_from_raw_key(raw_key: bytes) -> aead.Aead:
    """An AES-256-GCM primitive over key bytes we derived ourselves (from a password through Argon2id). Tink has
    no public constructor for that, so the one-key keyset is built from Tink's own protos."""
    key_id = 1
    keyset = tink_pb2.Keyset(
        primary_key_id=key_id,
        key=[
            tink_pb2.Keyset.Key(
                key_data=tink_pb2.KeyData(
                    type_url="type.googleapis.com/google.crypto.tink.AesGcmKey",
                    value=aes_gcm_pb2.AesGcmKey(version=0, key_value=raw_key).SerializeToString(),
                    key_material_type=tink_pb2.KeyData.SYMMETRIC,
                ),
                status=tink_pb2.ENABLED,
                key_id=key_id,
                output_prefix_type=tink_pb2.RAW,
            )
        ],
    )
    return keyset_from_bytes(keyset.SerializeToString()).primitive(aead.Aead)


def keyset_rotate(handle: tink.KeysetHandle, template: object) -> tink.KeysetHandle:
    """Adds a fresh key made from `template` and makes it primary; the old keys stay so that what they protect
    still opens. Python Tink has no keyset manager, so this edits the keyset proto."""
    keyset = tink_pb2.Keyset.FromString(keyset_to_bytes(handle))
    fresh = tink_pb2.Keyset.FromString(keyset_to_bytes(keyset_new(template)))
    new_key = fresh.key[0]
    existing_ids = {key.key_id for key in keyset.key}
    if new_key.key_id in existing_ids:  # 32-bit ids; a clash is possible, just draw again
        return keyset_rotate(handle, template)
    keyset.key.append(new_key)
    keyset.primary_key_id = new_key.key_id
    return keyset_from_bytes(keyset.SerializeToString())


def primary_key_id(handle: tink.KeysetHandle) -> int:
    return int(handle.keyset_info().primary_key_id)
