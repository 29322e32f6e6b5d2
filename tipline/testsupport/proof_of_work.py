"""Solving the server's proof of work as an honest client does."""

from __future__ import annotations

from typing import Any

from tipline.vault.proof_of_work import challenge_solve


def proof_of_work_header(http: Any) -> dict[str, str]:
    """`http` is an httpx.Client or Django's test Client: fetch a challenge, solve it, return the header."""
    challenge = http.get("/api/v1/challenge").json()
    return {"Altcha": challenge_solve(challenge)}
