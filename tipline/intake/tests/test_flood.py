"""A bounded flood on loopback against a real server: submissions without a valid proof of work are refused,
store nothing, and do not keep an honest reporter out. (The cost per refused request against an accepted one is
measured by `make bench-flood`.)"""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx
import pytest

from tipline.testsupport.proof_of_work import proof_of_work_header
from tipline.testsupport.server import tipline_server

pytestmark = [pytest.mark.slow]
FLOOD_REQUESTS = 200
FLOOD_CLIENTS = 4
TIME_LIMIT_SECONDS = 30
BODY = {"category": "other_security", "text": "flood", "anonymous": True, "language": "en"}


def test_a_flood_without_proof_of_work_is_refused_and_an_honest_reporter_gets_through(tmp_path: Path) -> None:
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + TIME_LIMIT_SECONDS
    forged = {"Altcha": "eyJjaGFsbGVuZ2UiOiB7fSwgInNvbHV0aW9uIjoge319"}  # well-formed base64, not a solution

    with tipline_server(
        tmp_path / "var", extra_env={"TIPLINE_SUBMISSIONS_PER_CLIENT_HOUR": "100000"}
    ) as server:

        def flood(worker: int) -> None:
            with httpx.Client(base_url=server.url, timeout=10) as http:
                for n in range(FLOOD_REQUESTS // FLOOD_CLIENTS):
                    if time.monotonic() > deadline:
                        return
                    headers = {"Idempotency-Key": str(uuid.uuid4()), **(forged if n % 2 else {})}
                    response = http.post("/api/v1/reports", json=BODY, headers=headers)
                    with lock:
                        statuses[response.status_code] += 1

        threads = [threading.Thread(target=flood, args=(w,)) for w in range(FLOOD_CLIENTS)]
        for thread in threads:
            thread.start()
        with httpx.Client(base_url=server.url, timeout=10) as honest:  # during the flood
            accepted = honest.post("/api/v1/reports", json={**BODY, "text": "a real report"},
                                   headers=proof_of_work_header(honest))  # fmt: skip
        for thread in threads:
            thread.join()
        assert accepted.status_code == 201
        assert (
            statuses == Counter({403: sum(statuses.values())})
            and sum(statuses.values()) >= FLOOD_REQUESTS // 2
        )
        count = server.manage(
            "shell", "-c", "from tipline.intake.models import Report; print(Report.objects.count())"
        )
        assert count.strip().splitlines()[-1] == "1"
