"""The cryptography of WeChat's Official Account callback protocol, and the keyed hashes the channel keeps.

WeChat fixes the algorithms, so nothing here is a choice of ours:

- The request signature is SHA-1 over the sorted concatenation of the token, the timestamp and the nonce (and,
  in "safe mode", the ``Encrypt`` field, giving ``msg_signature``). Checked in constant time.
- Safe-mode messages are AES-256-CBC with the key ``base64decode(EncodingAESKey + "=")``, the IV ``key[:16]``
  and PKCS#7 padding to 32 bytes, over ``16 random bytes | 4-byte network-order length | message | app id``.
  CBC without a MAC would invite padding-oracle attacks, so callers check ``msg_signature`` (keyed by the
  token) before anything is decrypted: a forged ciphertext never reaches the padding check.

The keyed hashes (``wechat_cache_digest``) name the short-lived cache entries that de-duplicate retries and
refuse replays, so the cache never holds an OpenID or a message id in the clear.

The primitives are Django-free; only ``wechat_cache_digest`` reads the key file (lazily).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import string
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

AES_KEY_TEXT_LENGTH = 43  # an EncodingAESKey: 43 base64 characters, 32 bytes
BLOCK = 32  # WeChat pads to 32 bytes, not to the AES block size
_PREFIX = 16
_RANDOM_ALPHABET = string.ascii_letters + string.digits
_CACHE_DOMAIN = b"tipline/wechat-cache/v1\x00"


class WeChatCryptoError(ValueError):
    """A safe-mode message that cannot be opened."""


class WeChatMessageUndecryptable(WeChatCryptoError):
    pass


class WeChatWrongAppId(WeChatCryptoError):
    pass


def wechat_aes_key_decode(encoding_aes_key: str) -> bytes:
    """The 32-byte AES key from the 43-character EncodingAESKey of the Official Account settings."""
    if len(encoding_aes_key) != AES_KEY_TEXT_LENGTH:
        raise ValueError("an EncodingAESKey has 43 characters")
    try:
        key = base64.b64decode(encoding_aes_key + "=", validate=True)
    except binascii.Error as error:
        raise ValueError("an EncodingAESKey is base64") from error
    if len(key) != 32:
        raise ValueError("an EncodingAESKey decodes to 32 bytes")
    return key


def wechat_signature(token: str, *parts: str) -> str:
    joined = "".join(sorted((token, *parts)))
    # SHA-1 is what WeChat's protocol prescribes; the token is the secret, so this is a keyed check.
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()  # noqa: S324 - fixed by WeChat's protocol


def wechat_signature_valid(token: str, signature: str, *parts: str) -> bool:
    expected = wechat_signature(token, *parts).encode("ascii")
    return hmac.compare_digest(expected, signature.encode("utf-8", "replace"))


def wechat_nonce() -> str:
    """A fresh nonce for a reply envelope."""
    return "".join(secrets.choice(string.digits) for _ in range(16))


def _cipher(key: bytes) -> Cipher[modes.CBC]:
    return Cipher(algorithms.AES(key), modes.CBC(key[:16]))


def wechat_encrypt(key: bytes, message: bytes, *, appid: str) -> str:
    """The ``Encrypt`` field of a reply: base64 of the AES-CBC ciphertext of the framed, padded message."""
    prefix = "".join(secrets.choice(_RANDOM_ALPHABET) for _ in range(_PREFIX)).encode("ascii")
    framed = prefix + struct.pack(">I", len(message)) + message + appid.encode("utf-8")
    pad = BLOCK - len(framed) % BLOCK
    framed += bytes([pad]) * pad
    encryptor = _cipher(key).encryptor()
    return base64.b64encode(encryptor.update(framed) + encryptor.finalize()).decode("ascii")


def wechat_decrypt(key: bytes, encrypted: str, *, appid: str) -> bytes:
    """The message inside an ``Encrypt`` field. Call only after ``msg_signature`` has been checked."""
    try:
        ciphertext = base64.b64decode(encrypted, validate=True)
    except (binascii.Error, ValueError) as error:
        raise WeChatMessageUndecryptable("not base64") from error
    if len(ciphertext) < BLOCK or len(ciphertext) % 16:
        raise WeChatMessageUndecryptable("not a whole number of blocks")
    decryptor = _cipher(key).decryptor()
    plain = decryptor.update(ciphertext) + decryptor.finalize()
    pad = plain[-1]
    if not 1 <= pad <= BLOCK or plain[-pad:] != bytes([pad]) * pad:
        raise WeChatMessageUndecryptable("bad padding")
    content = plain[_PREFIX:-pad]
    if len(content) < 4:
        raise WeChatMessageUndecryptable("too short")
    (length,) = struct.unpack(">I", content[:4])
    if 4 + length > len(content):
        raise WeChatMessageUndecryptable("length out of range")
    message, sender_appid = content[4 : 4 + length], content[4 + length :]
    if not hmac.compare_digest(sender_appid, appid.encode("utf-8")):
        raise WeChatWrongAppId("message for another app id")
    return message


def wechat_cache_digest(purpose: str, *parts: str) -> str:
    """A keyed hash naming one short-lived cache entry of the WeChat channel (replays, retries). Uses the
    client-hash PRF, the key file's job for short-lived hashes that live only in the cache, with its own
    domain so the values never coincide with client-address hashes."""
    from tipline.vault.providers import loaded_keys  # reads Django settings; the primitives above do not

    data = _CACHE_DOMAIN + json.dumps([purpose, *parts], ensure_ascii=False).encode("utf-8")
    digest: bytes = loaded_keys().client_hash.primary().compute(data, 16)
    return digest.hex()
