"""The local key file: every secret that must stay outside the database, one entry per job so that each can be
rotated alone. Django-free, because the settings module reads it before Django starts.

The escrow key pair is made here too, but only its public half stays in the key file: the private half is
written to a separate file that the operator moves offline (it opens every reporter identity)."""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path

from tipline.vault import tinkset

FORMAT = "tipline-keys/1"

# Each job has its own keyset (DESIGN.md section 4): rotating one never touches another.
KEYSET_TEMPLATES = {
    "content_kek": tinkset.AEAD_TEMPLATE,  # wraps each report's data keys (the local key provider)
    "receipt_pepper": tinkset.PRF_TEMPLATE,  # mixed into the receipt KDF; without it codes cannot be guessed
    "submission_tokens": tinkset.PRF_TEMPLATE,  # idempotency-key digests and the receipts derived from them
    "followup_cookie": tinkset.AEAD_TEMPLATE,  # seals the reporter's follow-up session cookie
    "client_hash": tinkset.PRF_TEMPLATE,  # short-lived keyed hashes of client addresses for rate limits
    "staff_secrets": tinkset.AEAD_TEMPLATE,  # staff TOTP secrets at rest
    "audit_chain": tinkset.PRF_TEMPLATE,  # the audit log's keyed hash chain: only a key holder can extend it
    "proof_of_work": tinkset.PRF_TEMPLATE,  # derives the secret that signs proof-of-work challenges
}
RAW_SECRETS = ("feature_blind_index", "feature_minhash")  # triage features (tipline.vault.feature_keys)


class KeyFileMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class KeyFile:
    path: Path
    django_secret: str
    receipt_salt: bytes
    keysets: dict[str, str] = field(
        repr=False
    )  # job name -> Tink keyset JSON (cleartext: this file is the root)
    raw_secrets: dict[str, bytes] = field(repr=False)
    escrow_public: str = field(repr=False)  # public hybrid keyset JSON

    def keyset(self, job: str) -> tinkset.KeysetHandle:
        return tinkset.keyset_from_json(self.keysets[job])

    def with_keyset(self, job: str, handle: tinkset.KeysetHandle) -> KeyFile:
        return replace(self, keysets={**self.keysets, job: tinkset.keyset_to_json(handle)})


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def key_file_write(key_file: KeyFile) -> None:
    """Writes atomically (temporary file, fsync, rename) with owner-only permissions."""
    document = {
        "format": FORMAT,
        "django_secret": key_file.django_secret,
        "receipt_salt": _b64(key_file.receipt_salt),
        "keysets": {job: json.loads(text) for job, text in key_file.keysets.items()},
        "raw_secrets": {name: _b64(value) for name, value in key_file.raw_secrets.items()},
        "escrow_public": json.loads(key_file.escrow_public),
    }
    _write_private(key_file.path, json.dumps(document, indent=1))


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def key_file_create(path: Path, *, escrow_private_path: Path) -> KeyFile:
    escrow = tinkset.keyset_new(tinkset.HYBRID_TEMPLATE)
    _write_private(escrow_private_path, tinkset.keyset_to_json(escrow))
    key_file = KeyFile(
        path=path,
        django_secret=secrets.token_urlsafe(50),
        receipt_salt=secrets.token_bytes(16),
        keysets={job: tinkset.keyset_to_json(tinkset.keyset_new(t)) for job, t in KEYSET_TEMPLATES.items()},
        raw_secrets={name: secrets.token_bytes(32) for name in RAW_SECRETS},
        escrow_public=tinkset.public_keyset_to_json(escrow),
    )
    key_file_write(key_file)
    return key_file


def key_file_read(path: Path) -> KeyFile:
    document = json.loads(path.read_text(encoding="utf-8"))
    if document.get("format") != FORMAT:
        raise ValueError(f"{path}: not a Tipline key file (format {document.get('format')!r})")
    keysets = {job: json.dumps(value) for job, value in document["keysets"].items()}
    return KeyFile(
        path=path,
        django_secret=document["django_secret"],
        receipt_salt=base64.b64decode(document["receipt_salt"]),
        keysets=keysets,
        raw_secrets={name: base64.b64decode(value) for name, value in document["raw_secrets"].items()},
        escrow_public=json.dumps(document["escrow_public"]),
    )


def load_or_create_key_file(path: Path, *, escrow_private_path: Path, create: bool) -> KeyFile:
    """Reads the key file, creating it if missing. A key file made by an older version gets the keysets of newer
    jobs added (existing keys are never touched)."""
    if not path.exists():
        if not create:
            raise KeyFileMissing(f"{path} does not exist and TIPLINE_CREATE_KEYS is off")
        return key_file_create(path, escrow_private_path=escrow_private_path)
    key_file = key_file_read(path)
    missing = [job for job in KEYSET_TEMPLATES if job not in key_file.keysets]
    if missing:
        if not create:
            raise KeyFileMissing(f"{path} lacks the keysets {missing} and TIPLINE_CREATE_KEYS is off")
        for job in missing:
            key_file = key_file.with_keyset(job, tinkset.keyset_new(KEYSET_TEMPLATES[job]))
        key_file_write(key_file)
    return key_file
