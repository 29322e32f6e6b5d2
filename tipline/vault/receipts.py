"""Receipt codes: the only credential of an anonymous reporter.

A code is 16 decimal digits (easy on a phone keypad and read out over the telephone). It is never stored: the
database keeps only a lookup key derived with Argon2id from the code mixed with a pepper that lives in the key
file, so a copy of the database allows no offline guessing.

The code is derived from the submission's idempotency token (a random value the reporter's form or app sends
with the submit). A retried submit with the same token finds the report already made and gets the same code back,
so a reporter whose connection dropped after the commit still leaves with their receipt."""

from __future__ import annotations

import re
import unicodedata
from typing import NewType

from django.conf import settings

from tipline.vault.argon2_pool import argon2id_raw
from tipline.vault.providers import loaded_keys

ReceiptCode = NewType("ReceiptCode", str)  # 16 ASCII digits, no separators
SubmissionToken = NewType("SubmissionToken", str)

RECEIPT_DIGITS = 16
_SEPARATORS = re.compile(r"[\s\-_.·]+")
_TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_\-]{22,128}$")  # at least 128 bits when base64url, UUIDs welcome


def submission_token_valid(token: str) -> bool:
    return bool(_TOKEN_PATTERN.fullmatch(token))


def submission_token_digest(token: SubmissionToken) -> bytes:
    """What the database keeps of an idempotency token: a keyed hash, useless without the key file."""
    return loaded_keys().submission_tokens.primary().compute(b"token-digest\x00" + token.encode(), 32)


def submission_content_digest(canonical: bytes) -> bytes:
    """A keyed hash of what was submitted, so that a token reused with other content is told apart from a retry."""
    return loaded_keys().submission_tokens.primary().compute(b"content-digest\x00" + canonical, 32)


def receipt_for_submission(token: SubmissionToken, *, kind: str = "report") -> ReceiptCode:
    """The receipt of the submission made with `token`. `kind` separates reports from complaints: one token
    can never give a code that opens both."""
    raw = loaded_keys().submission_tokens.primary().compute(f"receipt\x00{kind}\x00{token}".encode(), 16)
    # 128 bits reduced modulo 10^16: the bias is below 2^-74, far under anything observable.
    return ReceiptCode(str(int.from_bytes(raw, "big") % 10**RECEIPT_DIGITS).zfill(RECEIPT_DIGITS))


def receipt_parse(text: str) -> ReceiptCode | None:
    """Accepts what people type or paste: spaces, dashes, full-width digits. None if it is not 16 digits."""
    normalised = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text or ""))
    if len(normalised) != RECEIPT_DIGITS or not normalised.isascii() or not normalised.isdigit():
        return None
    return ReceiptCode(normalised)


def receipt_format(code: ReceiptCode) -> str:
    return " ".join(code[i : i + 4] for i in range(0, RECEIPT_DIGITS, 4))


def _kdf(peppered: bytes) -> bytes:
    cost = settings.TIPLINE_RECEIPT_KDF
    return argon2id_raw(
        peppered,
        loaded_keys().file.receipt_salt,
        time_cost=cost["time_cost"],
        memory_cost_kib=cost["memory_cost_kib"],
        parallelism=cost["parallelism"],
    )


def receipt_lookup_key(code: ReceiptCode) -> bytes:
    """The lookup key stored with a new report (primary pepper)."""
    return _kdf(loaded_keys().receipt_pepper.primary().compute(code.encode(), 32))


def receipt_lookup_candidates(code: ReceiptCode) -> list[bytes]:
    """Lookup keys to try when a reporter signs in: one per pepper key, primary first. After a pepper rotation
    older reports still open, at the price of one more KDF call for codes made under the old pepper."""
    peppers = loaded_keys().receipt_pepper
    primary_id = peppers.primary_id()
    ordered = [primary_id] + [key_id for key_id in peppers.all() if key_id != primary_id]
    return [_kdf(peppers.all()[key_id].compute(code.encode(), 32)) for key_id in ordered]
