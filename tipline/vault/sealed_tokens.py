"""Short-lived tokens sealed with an AEAD (for the reporter's follow-up cookie): their content is unreadable and
unforgeable on the client, and the server keeps no session state for them, so any web process can serve them."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

from tipline.vault import tinkset
from tipline.vault.providers import loaded_keys


def sealed_token_issue(payload: dict[str, Any], *, purpose: str) -> str:
    body = json.dumps({"p": payload, "t": int(time.time())}, separators=(",", ":")).encode()
    sealed = loaded_keys().followup_cookie.encrypt(body, purpose.encode())
    return base64.urlsafe_b64encode(sealed).decode("ascii").rstrip("=")


def sealed_token_open(token: str, *, purpose: str, max_age_seconds: int) -> dict[str, Any] | None:
    try:
        sealed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        document = json.loads(loaded_keys().followup_cookie.decrypt(sealed, purpose.encode()))
    except (ValueError, tinkset.TinkError):
        return None
    if not isinstance(document, dict) or time.time() - document.get("t", 0) > max_age_seconds:
        return None
    payload = document.get("p")
    return payload if isinstance(payload, dict) else None
