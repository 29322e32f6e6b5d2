"""The associated data that binds each ciphertext of a report to that report and its purpose."""

from __future__ import annotations


def content_binding(public_id: str) -> str:
    return f"report:{public_id}:content"


def identity_binding(public_id: str) -> str:
    return f"report:{public_id}:identity"


def attachment_name_binding(public_id: str, attachment_id: object) -> str:
    return f"report:{public_id}:attachment-name:{attachment_id}"
