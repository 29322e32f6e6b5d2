"""Proof of work for public submissions: the ALTCHA scheme (v2, PBKDF2/SHA-256), signed with a secret derived
from the key file. A client asks for a challenge, searches for the counter whose derived key starts with the
required prefix, and sends the solution with its submission; the server checks the signature, the expiry and
the solution (one PBKDF2 derivation, about a millisecond) and accepts each solved challenge once."""

from __future__ import annotations

import base64
import json
import time
from dataclasses import dataclass
from typing import Any

import altcha

from tipline.vault.providers import loaded_keys

ALGORITHM = "PBKDF2/SHA-256"
CHALLENGE_LIFETIME_SECONDS = 10 * 60
MAX_PAYLOAD_CHARS = 4096


def _signing_secret() -> bytes:
    return loaded_keys().proof_of_work.primary().compute(b"altcha-challenge-signing", 32)


def challenge_new(*, cost: int) -> dict[str, Any]:
    challenge = altcha.create_challenge(
        ALGORITHM,
        cost,
        hmac_secret=_signing_secret(),
        expires_at=int(time.time()) + CHALLENGE_LIFETIME_SECONDS,
    )
    result: dict[str, Any] = challenge.to_dict()
    return result


@dataclass(frozen=True)
class VerifiedSolution:
    """A valid solution. `challenge_id` names the challenge, so that it can be accepted only once."""

    challenge_id: str
    expires_at: int
    cost: int


def solution_verify(payload: str, *, minimum_cost: int) -> VerifiedSolution | None:
    """The solution if `payload` solves a challenge this server signed, not expired, at least as costly as
    `minimum_cost` (a challenge fetched before an administrator raised the cost no longer passes)."""
    if not payload or len(payload) > MAX_PAYLOAD_CHARS:
        return None
    try:
        result = altcha.verify_solution(payload, _signing_secret())
        document = json.loads(base64.b64decode(payload, validate=True))
        parameters = document["challenge"]["parameters"]
        signature = str(document["challenge"]["signature"])
        cost, expires_at = int(parameters["cost"]), int(parameters["expiresAt"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None
    if not result.verified or parameters.get("algorithm") != ALGORITHM or cost < minimum_cost:
        return None
    return VerifiedSolution(challenge_id=signature, expires_at=expires_at, cost=cost)


def challenge_solve(challenge: dict[str, Any]) -> str:
    """Solves a challenge the way a client does, and returns the payload to send. For tests, benchmarks and the
    flood test's honest client; a real client solves in the browser or the app."""
    parsed = altcha.Challenge.from_dict(challenge)
    solution = altcha.solve_challenge(parsed)
    if solution is None:
        raise RuntimeError("challenge not solved in time")
    payload = {"challenge": parsed.to_dict(), "solution": solution.to_dict()}
    return base64.b64encode(json.dumps(payload).encode()).decode("ascii")
