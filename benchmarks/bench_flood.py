"""Flood benchmark: what a submission without a valid proof of work costs the server, next to an accepted one.

    python benchmarks/bench_flood.py [--requests 400] [--clients 4]

Starts the real server (gunicorn, the receipt KDF at its configured strength, proof of work on) on loopback,
then measures, for each kind of request, the wall time per request seen by the client and the server's CPU time
per request (from /proc, all server processes): refused without a proof, refused with a forged proof, refused as
a replay of a used proof, and accepted (solved challenge, full registration). Bounded in count and time."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import django
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tipline.config.settings_test")
django.setup()

from tipline.testsupport.proof_of_work import proof_of_work_header  # noqa: E402
from tipline.testsupport.server import ServerProcess, tipline_server  # noqa: E402

REAL_STRENGTH = {
    "TIPLINE_RECEIPT_KDF_TIME": "3",
    "TIPLINE_RECEIPT_KDF_MEMORY_KIB": "65536",
    "TIPLINE_PROOF_OF_WORK_COST": "5000",
    "TIPLINE_SUBMISSIONS_PER_CLIENT_HOUR": "1000000",
    "TIPLINE_ACCESS_LOG": "0",
}
BODY = {"category": "other_security", "text": "A van parks by the radar station every night.", "anonymous": True,
        "language": "en"}  # fmt: skip
TIME_LIMIT_SECONDS = 60


def server_cpu_seconds(server: ServerProcess) -> float:
    """User + system CPU of the server's process group (master and workers), from /proc."""
    assert server.process is not None
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid_dir in Path("/proc").glob("[0-9]*"):
        try:
            fields = (pid_dir / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == server.process.pid:  # field 5: process group id
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def run(server: ServerProcess, kind: str, count: int, clients: int) -> dict[str, float]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    deadline = time.monotonic() + TIME_LIMIT_SECONDS
    used = {}
    if kind == "replayed":
        with httpx.Client(base_url=server.url) as http:
            used = proof_of_work_header(http)
            http.post("/api/v1/reports", json=BODY, headers=used)

    def worker(share: int) -> None:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            for _ in range(share):
                if time.monotonic() > deadline:
                    return
                headers = {"Idempotency-Key": str(uuid.uuid4())}
                if kind == "forged":
                    headers["Altcha"] = "eyJjaGFsbGVuZ2UiOiB7fSwgInNvbHV0aW9uIjoge319"
                elif kind == "replayed":
                    headers.update(used)
                elif kind == "accepted":
                    headers.update(proof_of_work_header(http))  # the client's own work, not timed below
                start = time.perf_counter()
                response = http.post("/api/v1/reports", json=BODY, headers=headers)
                with lock:
                    latencies.append(time.perf_counter() - start)
                    statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

    cpu_before = server_cpu_seconds(server)
    threads = [threading.Thread(target=worker, args=(count // clients,)) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cpu = server_cpu_seconds(server) - cpu_before
    done = max(1, len(latencies))
    return {"requests": len(latencies), "statuses": statuses, "p50_ms": statistics.median(latencies) * 1000,
            "server_cpu_ms_per_request": cpu / done * 1000}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--accepted", type=int, default=24)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    results = {}
    with (
        tempfile.TemporaryDirectory() as scratch,
        tipline_server(Path(scratch) / "var", extra_env=REAL_STRENGTH) as server,
    ):
        for kind, count in (("missing", args.requests), ("forged", args.requests), ("replayed", args.requests),
                            ("accepted", args.accepted)):  # fmt: skip
            results[kind] = run(server, kind, count, args.clients)
    accepted_cpu = results["accepted"]["server_cpu_ms_per_request"]
    print(
        f"{'request':<10} {'n':>5} {'statuses':<22} {'p50 ms':>8} {'server CPU ms':>14} {'vs accepted':>12}"
    )
    for kind, r in results.items():
        ratio = r["server_cpu_ms_per_request"] / accepted_cpu if accepted_cpu else float("nan")
        print(f"{kind:<10} {r['requests']:>5} {json.dumps(r['statuses']):<22} {r['p50_ms']:>8.2f} "
              f"{r['server_cpu_ms_per_request']:>14.2f} {ratio:>11.1%}")  # fmt: skip
    out = Path("var/bench")
    out.mkdir(parents=True, exist_ok=True)
    (out / "flood.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
