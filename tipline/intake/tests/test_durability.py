"""No report that got a receipt is ever lost: the server is killed hard in the middle of a burst of API
submissions; after a restart every receipt a client received still opens its report."""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest

from tipline.testsupport.proof_of_work import proof_of_work_header
from tipline.testsupport.server import tipline_server

pytestmark = [pytest.mark.slow]

CLIENTS = 4
KILL_AFTER_RECEIPTS = 40
TIME_LIMIT_SECONDS = 60


def test_every_receipt_survives_a_hard_kill(tmp_path: Path) -> None:
    received: list[tuple[str, str]] = []
    lock = threading.Lock()
    stop = threading.Event()

    # All clients share one address here; let the burst through the per-connection limit.
    with tipline_server(
        tmp_path / "var", extra_env={"TIPLINE_SUBMISSIONS_PER_CLIENT_HOUR": "10000"}
    ) as server:

        def client(number: int) -> None:
            with httpx.Client(base_url=server.url, timeout=10) as http:
                sent = 0
                while not stop.is_set() and sent < 500:
                    sent += 1
                    body = {
                        "category": "other_security",
                        "text": f"client {number} report {sent}: "
                        "a drone flies over the power station at night",
                        "anonymous": True,
                        "language": "en",
                    }
                    try:
                        headers = {"Idempotency-Key": str(uuid.uuid4()), **proof_of_work_header(http)}
                        response = http.post("/api/v1/reports", json=body, headers=headers)
                    except httpx.HTTPError:
                        continue  # the kill cut this one off: the client got no receipt, so nothing was promised
                    if response.status_code == 201:
                        with lock:
                            received.append((response.json()["receipt"], response.json()["report_id"]))

        threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + TIME_LIMIT_SECONDS
        while len(received) < KILL_AFTER_RECEIPTS and time.monotonic() < deadline:
            time.sleep(0.01)
        server.kill_hard()  # requests are in flight at this moment
        stop.set()
        for thread in threads:
            thread.join(timeout=15)
        assert len(received) >= KILL_AFTER_RECEIPTS

        server.start()
        with httpx.Client(base_url=server.url, timeout=10) as http:
            for receipt, report_id in received:
                headers = {"Authorization": f"Receipt {receipt}", **proof_of_work_header(http)}
                status = http.get("/api/v1/status", headers=headers)
                assert status.status_code == 200, (receipt, status.text)
                assert status.json()["report_id"] == report_id
