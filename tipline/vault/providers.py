"""Where the vault's keys come from at run time.

The key-encryption key (KEK) that wraps every report's data keys comes from a key provider. The default reads the
local key file; a deployment with a KMS or HSM supplies its own provider class (dotted path in
TIPLINE_KEK_PROVIDER) that returns an AEAD whose key never leaves the KMS, e.g. one built with
`tink.kms_client_from_uri(uri).get_aead(uri)`. Only `kek_aead` and `kek_rotate` are asked of a provider.

The other keys (receipt pepper, token and client-hash PRFs, cookie key) always come from the key file. The file is
re-read when it changes on disk, so a rotation made by `manage.py vault_rotate` reaches every running process.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from tipline.vault import tinkset
from tipline.vault.keyfile import KEYSET_TEMPLATES, KeyFile, key_file_read, key_file_write


class KekProvider(Protocol):
    def kek_aead(self) -> tinkset.Aead: ...

    def kek_rotate(self) -> None:
        """Makes a new KEK primary while the old one still decrypts (wrapped keys are re-wrapped afterwards)."""


@dataclass(frozen=True)
class LoadedKeys:
    """Primitives built once per version of the key file."""

    file: KeyFile
    content_kek: tinkset.Aead
    receipt_pepper: tinkset.PrfSet
    submission_tokens: tinkset.PrfSet
    followup_cookie: tinkset.Aead
    client_hash: tinkset.PrfSet
    staff_secrets: tinkset.Aead
    audit_chain: tinkset.PrfSet
    proof_of_work: tinkset.PrfSet
    escrow_public: tinkset.HybridEncrypt


_lock = threading.Lock()
_loaded: tuple[tuple[Path, int], LoadedKeys] | None = None


def _load(path: Path) -> LoadedKeys:
    file = key_file_read(path)
    return LoadedKeys(
        file=file,
        content_kek=file.keyset("content_kek").primitive(tinkset.Aead),
        receipt_pepper=file.keyset("receipt_pepper").primitive(tinkset.PrfSet),
        submission_tokens=file.keyset("submission_tokens").primitive(tinkset.PrfSet),
        followup_cookie=file.keyset("followup_cookie").primitive(tinkset.Aead),
        client_hash=file.keyset("client_hash").primitive(tinkset.PrfSet),
        staff_secrets=file.keyset("staff_secrets").primitive(tinkset.Aead),
        audit_chain=file.keyset("audit_chain").primitive(tinkset.PrfSet),
        proof_of_work=file.keyset("proof_of_work").primitive(tinkset.PrfSet),
        escrow_public=tinkset.public_keyset_from_json(file.escrow_public).primitive(tinkset.HybridEncrypt),
    )


def loaded_keys() -> LoadedKeys:
    global _loaded
    path = Path(settings.TIPLINE_KEY_FILE)
    version = (path, path.stat().st_mtime_ns)
    current = _loaded
    if current is not None and current[0] == version:
        return current[1]
    with _lock:
        if _loaded is None or _loaded[0] != version:
            _loaded = (version, _load(path))
        return _loaded[1]


def key_file_rotate(job: str) -> None:
    """Adds a new primary key to one job's keyset in the key file; old keys keep working."""
    keys = loaded_keys()
    rotated = tinkset.keyset_rotate(keys.file.keyset(job), KEYSET_TEMPLATES[job])
    key_file_write(keys.file.with_keyset(job, rotated))


class LocalFileKekProvider:
    """The embedded default: the KEK is the `content_kek` keyset of the local key file."""

    def kek_aead(self) -> tinkset.Aead:
        return loaded_keys().content_kek

    def kek_rotate(self) -> None:
        key_file_rotate("content_kek")


@functools.cache
def _provider(dotted_path: str) -> KekProvider:
    provider: KekProvider = import_string(dotted_path)()
    return provider


def kek_provider() -> KekProvider:
    return _provider(
        getattr(settings, "TIPLINE_KEK_PROVIDER", "tipline.vault.providers.LocalFileKekProvider")
    )
