"""A real Tipline server in a child process (gunicorn, as `make run` starts it), on loopback, with its own
var/ directory and database, for tests and benchmarks that must see what a real deployment leaves behind: its
log output, its SQLite file and WAL, its attachment files, and what survives a hard kill."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

REPO_ROOT = Path(__file__).resolve().parents[2]
CHEAP_KDF = {"TIPLINE_RECEIPT_KDF_TIME": "1", "TIPLINE_RECEIPT_KDF_MEMORY_KIB": "64"}
# The proof of work stays on (the server runs as deployed) but costs little to solve in tests.
CHEAP_PROOF_OF_WORK = {"TIPLINE_PROOF_OF_WORK_COST": "10"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _postgres_database_for(url: str, name: str) -> str:
    """A fresh database on the same PostgreSQL server, so the child never touches the test database."""
    import psycopg

    base = url.rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(
            f"CREATE DATABASE \"{name}\" TEMPLATE template0 LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8'"
        )
    return f"{base}/{name}"


def _postgres_database_drop(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class ServerProcess:
    var_dir: Path
    env: dict[str, str]
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database_url(self) -> str:
        return self.env["TIPLINE_DATABASE_URL"]

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO_ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        return result.stdout + result.stderr

    def start(self) -> None:
        self.log_path = self.var_dir / f"server-{int(time.time() * 1000)}.log"
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "tipline/config/gunicorn.py", "tipline.config.wsgi"],
            cwd=REPO_ROOT,
            env={**self.env, "TIPLINE_BIND": f"127.0.0.1:{self.port}"},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text(errors='replace')[-3000:]}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("server did not start within 60 s")

    def kill_hard(self) -> None:
        """SIGKILL to the whole process group: no shutdown handlers, no flushing, as in a power cut of the app."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill_hard()

    def log_text(self) -> bytes:
        return b"".join(p.read_bytes() for p in sorted(self.var_dir.glob("server-*.log")))


@contextmanager
def tipline_server(
    var_dir: Path, *, extra_env: dict[str, str] | None = None, demo: bool = True
) -> Iterator[ServerProcess]:
    """Migrates a fresh database, loads the demo data and starts gunicorn; stops it (and drops a PostgreSQL
    database it made) afterwards. The database follows TIPLINE_DATABASE_URL: SQLite under `var_dir` by default."""
    var_dir.mkdir(parents=True, exist_ok=True)
    base_url = os.environ.get("TIPLINE_DATABASE_URL", "")
    made_postgres = ""
    if base_url.startswith("postgres"):
        made_postgres = _postgres_database_for(base_url, f"tipline_srv_{secrets.token_hex(4)}")
    env = {
        **os.environ,
        **CHEAP_KDF,
        **CHEAP_PROOF_OF_WORK,
        "DJANGO_SETTINGS_MODULE": "tipline.config.settings",
        "TIPLINE_VAR_DIR": str(var_dir),
        "TIPLINE_KEY_FILE": str(var_dir / "keys.json"),
        "TIPLINE_ESCROW_PRIVATE_FILE": str(var_dir / "escrow-private.json"),
        "TIPLINE_DATABASE_URL": made_postgres or f"sqlite:///{var_dir / 'tipline.sqlite3'}",
        "TIPLINE_TEST_SERVER": "1",
        **(extra_env or {}),
    }
    for name in ("TIPLINE_FILES_DIR", "TIPLINE_SCRATCH_DIR"):
        env.pop(name, None)
    server = ServerProcess(var_dir=var_dir, env=env)
    try:
        server.manage("migrate", "--no-input")
        server.manage("collectstatic", "--no-input", "--verbosity", "0")
        if demo:
            server.manage("demo_load")
        server.start()
        yield server
    finally:
        server.stop()
        if made_postgres:
            _postgres_database_drop(made_postgres)
