"""What a stolen disk, database dump or log file reveals about a reporter: nothing.

A real server (gunicorn) receives reports from a client on its own loopback address, with identity, contact
details, text, a text file and a photo carrying GPS; then every byte the deployment keeps is searched: the
SQLite database with its WAL (or a dump of the PostgreSQL database), the attachment store, the scratch
directory and the server's whole log output."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from tipline.testsupport.proof_of_work import proof_of_work_header
from tipline.testsupport.sample_files import AUTHOR_MARKER, DEVICE_MARKER, jpeg_with_gps
from tipline.testsupport.server import ServerProcess, tipline_server

pytestmark = [pytest.mark.slow]

CLIENT_ADDRESS = (
    "127.0.0.2"  # the server's own logs mention 127.0.0.1 (where it listens); the client is elsewhere
)
MARKERS = {
    "text": "MARKER-TEXT-望远镜-7731",
    "identity name": "MARKER-NAME-王小明",
    "phone": "13987654321",
    "email": "marker-mail@example.cn",
    "id number": "110101199003071234",
    "file content": "MARKER-FILE-BYTES-天安-4412",
    "answer": "MARKER-ANSWER-东门-5150",
    "protection": "MARKER-PROTECT-母亲-9090",
    "api text": "MARKER-API-TEXT-88123",
    "user agent": "MarkerBrowser/9.9",
    "forwarded address": "198.51.100.77",
    "client address": CLIENT_ADDRESS,
    "photo author": AUTHOR_MARKER,
    "photo device": DEVICE_MARKER,
}


def _client(server: ServerProcess) -> httpx.Client:
    transport = httpx.HTTPTransport(local_address=CLIENT_ADDRESS)
    return httpx.Client(
        base_url=server.url,
        transport=transport,
        timeout=30,
        follow_redirects=False,
        headers={"User-Agent": MARKERS["user agent"], "X-Forwarded-For": MARKERS["forwarded address"]},
    )


def _submit_everything(server: ServerProcess) -> str:
    with _client(server) as client:
        form = client.get("/en/report/")
        token = re.search(r'name="submission_token" value="([^"]+)"', form.text).group(1)  # type: ignore[union-attr]
        csrf = client.cookies["csrftoken"]
        receipt_page = client.post(
            "/en/report/",
            data={
                "csrfmiddlewaretoken": csrf,
                "submission_token": token,
                "category": "state_secrets",
                "text": MARKERS["text"],
                "region": "110000",
                "reporter_kind": "person",
                "name": MARKERS["identity name"],
                "phone": MARKERS["phone"],
                "email": MARKERS["email"],
                "id_number": MARKERS["id number"],
                "consent_contact": "on",
            },
            files=[
                ("attachments", ("notes.txt", MARKERS["file content"].encode(), "text/plain")),
                ("attachments", ("IMG_0001.jpg", jpeg_with_gps(), "image/jpeg")),
            ],
        )
        assert receipt_page.status_code == 200, receipt_page.text[:3000]
        code = re.search(r'data-receipt-code="(\d{16})"', receipt_page.text).group(1)  # type: ignore[union-attr]
        assert (
            client.post("/en/follow-up/", data={"csrfmiddlewaretoken": csrf, "receipt": code}).status_code
            == 302
        )
        assert (
            client.post(
                "/en/follow-up/report/message/", data={"csrfmiddlewaretoken": csrf, "text": MARKERS["answer"]}
            ).status_code
            == 302
        )
        assert (
            client.post(
                "/en/follow-up/report/protection/",
                data={"csrfmiddlewaretoken": csrf, "for_whom": "relatives", "details": MARKERS["protection"]},
            ).status_code
            == 302
        )
        api = client.post(
            "/api/v1/reports",
            headers=proof_of_work_header(client),
            json={
                "category": "cyber_espionage",
                "text": MARKERS["api text"],
                "anonymous": True,
                "language": "zh",
            },
        )
        assert api.status_code == 201
        client.get("/en/no-such-page/")  # a 404 is logged: the log line must not carry the client either
        return code


def _everything_kept(server: ServerProcess, dump_dir: Path) -> dict[str, bytes]:
    kept: dict[str, bytes] = {}
    for path in server.var_dir.rglob("*"):
        if path.is_file() and path.suffix not in (".css", ".js", ".gz", ".br") and "static" not in path.parts:
            kept[str(path.relative_to(server.var_dir))] = path.read_bytes()
    if server.database_url.startswith("postgres"):
        dump = dump_dir / "pg_dump.sql"
        subprocess.run(
            ["pg_dump", "--no-owner", "-f", str(dump), server.database_url], check=True, timeout=120
        )
        kept["pg_dump"] = dump.read_bytes()
    return kept


def _leaks(kept: dict[str, bytes]) -> dict[str, list[str]]:
    return {
        what: [name for name, data in kept.items() if marker.encode("utf-8") in data]
        for what, marker in MARKERS.items()
        if any(marker.encode("utf-8") in data for data in kept.values())
    }


@pytest.mark.skipif(
    os.environ.get("TIPLINE_DATABASE_URL", "").startswith("postgres") and shutil.which("pg_dump") is None,
    reason="pg_dump is needed to read the PostgreSQL database",
)
def test_nothing_identifying_or_readable_is_kept(tmp_path: Path) -> None:
    with tipline_server(tmp_path / "var") as server:
        receipt = _submit_everything(server)
        # Read while the server runs, so recent writes are still in SQLite's WAL file, not yet checkpointed.
        while_running = _everything_kept(server, tmp_path)
        server.stop()
        after_stop = _everything_kept(server, tmp_path)

    if not server.database_url.startswith("postgres"):
        assert any(name.endswith("-wal") for name in while_running), "expected a WAL file while running"
    for kept in (while_running, after_stop):
        everything = b"".join(kept.values())
        # The search finds what is kept in the clear, so an absence below means something:
        assert b"state_secrets" in everything and b"report.registered" in everything
        assert b"POST /en/report/" in everything  # the request log exists and is searched
        assert _leaks(kept) == {}
        assert receipt.encode() not in everything
        assert not any(name.startswith("scratch/") for name in kept), (
            "plaintext left in the scratch directory"
        )
