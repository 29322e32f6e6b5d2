"""Intake benchmark: submissions per second over HTTP, end to end, against the receipt KDF floor.

    make bench-intake                      # or: .venv/bin/python benchmarks/bench_intake.py [--help]

What it does, in order (every phase is bounded in count and time, everything runs on loopback):

1. In a child process with its own temporary var/ directory (settings `tipline.config.settings`, real KDF
   strength from TIPLINE_RECEIPT_KDF): times the receipt KDF alone (`tipline.vault.receipts._kdf`, median of
   N single-threaded calls, wall and CPU time; the throughput of `cores` and of `clients` concurrent calls on
   threads), then the breakdown of one submission: `report_submit` with its parts timed through wrappers
   (validation, idempotency, routing, encryption, the transaction with case opening, audit append and
   commit), a cProfile listing of its direct callees, the Django + Ninja request handling around it and the
   web form with a JPEG (Django's test client, in process), and the proof-of-work gate.
2. A real gunicorn server (tipline.testsupport.server, as `make run` starts it) with the real KDF strength:
   warm-up, single-client latency, then `--clients` concurrent clients posting to POST /api/v1/reports and,
   separately, the web form (GET /en/report/, then multipart POST with a small JPEG).
3. The same server with a cheap KDF: the server's CPU time per submission is what everything but the KDF
   costs over HTTP.
4. The reference (skip with --no-reference): a bare Django view doing only the same Argon2id call and one
   SQLite insert, under the same gunicorn configuration, so the target can be judged on the day's machine.

It prints the breakdown, the per-phase figures, a CPU-time model of the ceiling and a summary, and writes the
summary as JSON to var/bench/intake.json (compared with the previous run if that file exists).

Target (the issue): with 4 clients, API submissions per second >= 90% of the KDF floor (cores / KDF time) and
no error at all. The machine is shared: the CPU used by other processes during each load phase is measured and
printed, and a run with noticeable background load is marked as such. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import platform
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
DEFAULT_JSON = REPO_ROOT / "var" / "bench" / "intake.json"
TARGET_RATIO = 0.90
if str(REPO_ROOT) not in sys.path:  # run as a script from anywhere: `tipline` is importable
    sys.path.insert(0, str(REPO_ROOT))

from machine_load import machine_cpu_seconds, wait_quiet  # noqa: E402 - a sibling module of this script

BUSY_WARNING_CORES = 0.15  # other processes using more than this many cores during a phase: noisy result

# ----------------------------------------------------------------------------------------------------------------
# Realistic submissions: bilingual, a few hundred characters, some with the optional fields.
# ----------------------------------------------------------------------------------------------------------------

_ZH_TEXTS = [
    "我在{place}工作。最近三个月，同事{person}多次在下班后留在资料室，用手机拍摄标有“机密”字样的设计图纸，"
    "还把U盘带出单位。上周五晚上我看到他把一个牛皮纸袋交给一名自称是咨询公司的人，两人在停车场谈了大约二十分钟。"
    "那人开一辆白色轿车，说话带外地口音，之后又来过两次。我担心这些图纸已经被送到境外，特此举报，希望有关部门核实。",
    "有一个网名叫“{person}”的人在微信群里高价收购军港附近的照片，要求拍摄舰船进出港的时间和型号，每张照片给五百元。"
    "他还让群里的人下载一个陌生的应用程序来上传照片，说这样更安全。我所在的{place}有好几个年轻人已经照做了。"
    "我把聊天记录截了图，可以提供。请尽快调查，这些人可能不知道自己在做违法的事情。",
    "本人是{place}的一名研究生。导师的合作方{person}近期多次要求我把实验室未公开的数据通过境外网盘发给他，"
    "并承诺帮我申请国外的奖学金。我拒绝后，他又通过别的同学索要。实验项目涉及国家重点研发计划，"
    "数据按规定不能外传。我不确定这是否属于泄密行为，但觉得很不正常，所以来反映情况。",
]
_EN_TEXTS = [
    "I work as a contractor at {place}. Since spring a man who calls himself {person} has been approaching staff "
    "in the canteen, offering paid 'consulting' work in exchange for internal documents about the new radar "
    "project. Two colleagues told me he gave them a foreign phone number and asked them to use an encrypted "
    "messaging app. Last Tuesday I saw one of them hand over a folder in the car park. I can describe the man "
    "and his car, and I am willing to answer questions if you contact me through this platform.",
    "Someone in our residential compound near {place} has installed a camera and an antenna on his balcony "
    "that point straight at the airbase runway. He told neighbours he is a bird watcher, but he films at night "
    "and when aircraft take off. A van with out-of-province plates comes every few weeks and he carries boxes "
    "to it. The person's name is {person}, as far as I know. I do not want to give my name.",
    "An online recruiter named {person} contacted me on a job site and offered a well-paid part-time job "
    "writing 'industry reports'. After a few easy tasks he asked for details about the staff, shifts and "
    "equipment at {place}, where my father works, and wanted photos of the entrance. When I asked who the "
    "client was he stopped answering. I kept the messages and the bank transfer records.",
]
_PLACES_ZH = ["某研究所", "市郊的造船厂", "航天材料实验室", "港口管理局", "某高校"]
_PLACES_EN = ["the shipyard in the north district", "a materials research institute", "the port authority",
              "an aerospace parts factory", "the university campus"]  # fmt: skip
_PEOPLE = ["王某", "李先生", "Mr. Zhao", "陈某某", "Kevin Liu"]
_REGIONS = ["440000", "110000", "310000", "320000", "510000", "000000"]
_CATEGORIES = ["state_secrets", "state_secrets", "cyber_espionage", "defection"]


def api_body(rng: random.Random) -> dict[str, Any]:
    zh = rng.random() < 0.5
    text = rng.choice(_ZH_TEXTS if zh else _EN_TEXTS).format(
        place=rng.choice(_PLACES_ZH if zh else _PLACES_EN), person=rng.choice(_PEOPLE)
    )
    body: dict[str, Any] = {
        "category": rng.choice(_CATEGORIES),
        "text": text + f" [{rng.randrange(10**9)}]",  # every report differs
        "anonymous": True,
        "language": "zh" if zh else "en",
        "region": rng.choice(_REGIONS),
    }
    if rng.random() < 0.5:  # optional fields on about half of the reports
        body["occurred"] = "今年三月以来" if zh else "since March, most recently last week"
        body["place"] = rng.choice(_PLACES_ZH if zh else _PLACES_EN)
        body["people"] = rng.choice(_PEOPLE) + (
            "，男，四十岁左右" if zh else ", about forty, drives a white sedan"
        )
        body["identifiers"] = (
            "138 0013 8000\nwx_id_" + secrets.token_hex(4) + "\nhttps://example.invalid/upload"
        )
    return body


def jpeg_attachment() -> bytes:
    """A small photo with camera metadata, as phones send them (the server re-encodes it without EXIF)."""
    from PIL import Image

    image = Image.new("RGB", (320, 240), (90, 120, 160))
    for x in range(0, 320, 8):  # some structure, so the encoder has work to do
        for y in range(0, 240, 8):
            image.putpixel((x, y), ((x * 3) % 256, (y * 5) % 256, (x + y) % 256))
    exif = Image.Exif()
    exif[0x010F] = "BenchPhone"
    exif[0x0110] = "Model 9"
    exif[0x0112] = 1
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, exif=exif)
    return out.getvalue()


# ----------------------------------------------------------------------------------------------------------------
# Small helpers
# ----------------------------------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low, high = int(position), min(int(position) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


class CpuMeter:
    """CPU seconds used by the whole machine, by a server process tree and by this process, between two marks.
    What is left is what other processes took: on a shared machine that is the noise in the result."""

    def __init__(self, server_pid: int | None) -> None:
        self.server_pid = server_pid
        self.tick = os.sysconf("SC_CLK_TCK")

    def _tree(self) -> float:
        if self.server_pid is None:
            return 0.0
        total = 0.0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                after = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            pid, ppid = int(entry.name), int(after[1])
            if pid == self.server_pid or ppid == self.server_pid:
                total += (int(after[11]) + int(after[12])) / self.tick
        return total

    def mark(self) -> tuple[float, float, float, float, float]:
        busy, total = machine_cpu_seconds()
        return busy, total, self._tree(), time.process_time(), time.monotonic()

    def between(self, start: tuple[float, ...], end: tuple[float, ...], items: int) -> dict[str, float]:
        busy, _total, server, client, wall = (e - s for s, e in zip(start, end, strict=True))
        other = max(0.0, busy - server - client)
        per = max(items, 1)
        return {
            "server_cpu_ms_per_item": ms(server / per),
            "client_cpu_ms_per_item": ms(client / per),
            "server_cores_busy": round(server / wall, 2) if wall else 0.0,
            "machine_cores_busy": round(busy / wall, 2) if wall else 0.0,
            "other_cores_busy": round(other / wall, 2) if wall else 0.0,
        }


# ----------------------------------------------------------------------------------------------------------------
# Phase 1: in process (a child with its own var/ directory): the KDF alone and the breakdown of a submission
# ----------------------------------------------------------------------------------------------------------------


class Timings:
    """Wall time spent in wrapped functions, per name, for the current submission."""

    def __init__(self) -> None:
        self.current: dict[str, float] = {}
        self.per_item: list[dict[str, float]] = []

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.current[name] = self.current.get(name, 0.0) + time.perf_counter() - start

        timed.__wrapped__ = function  # type: ignore[attr-defined]
        return timed

    def close_item(self) -> None:
        self.per_item.append(self.current)
        self.current = {}

    def mean(self, name: str) -> float:
        return statistics.fmean(item.get(name, 0.0) for item in self.per_item) if self.per_item else 0.0


class _TimedAtomic:
    """transaction.atomic(...) whose whole span (BEGIN IMMEDIATE to COMMIT) is timed."""

    def __init__(self, timings: Timings, inner: Any) -> None:
        self.timings, self.inner, self.start = timings, inner, 0.0

    def __enter__(self) -> Any:
        self.start = time.perf_counter()
        return self.inner.__enter__()

    def __exit__(self, *exc: Any) -> Any:
        try:
            return self.inner.__exit__(*exc)
        finally:
            spent = time.perf_counter() - self.start
            self.timings.current["transaction"] = self.timings.current.get("transaction", 0.0) + spent


# Parts of report_submit timed through wrappers: group -> names looked up in tipline.intake.services. A name the
# app no longer has is skipped (and listed); the cProfile listing below catches whatever the app adds.
SUBMIT_PARTS = {
    "validation": ["report_draft_problems"],
    "digests": ["submission_token_digest", "submission_content_digest"],
    "replay_lookup": ["_replayed_receipt"],
    "receipt_code": ["receipt_for_submission"],
    "routing": ["unit_route_for_region"],
    "case_open": ["case_open"],
    "audit": ["audit_append"],
}


class _TimedTransactionModule:
    """Stands in for django.db.transaction inside tipline.intake.services only: atomic() is timed, everything
    else (on_commit, ...) is the real module's."""

    def __init__(self, timings: Timings, real: Any) -> None:
        self.timings, self.real = timings, real

    def atomic(self, *args: Any, **kwargs: Any) -> _TimedAtomic:
        return _TimedAtomic(self.timings, self.real.atomic(*args, **kwargs))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def proof_of_work_cost(settings: Any, samples: int) -> dict[str, Any] | None:
    """Server-side cost of the proof-of-work gate with a valid solution (counters, signature and one PBKDF2
    check, single-use mark), and the client's cost of solving, if the app has the gate."""
    try:
        from tipline.intake import flood_control
        from tipline.vault import proof_of_work
    except ImportError:
        return None
    if samples <= 0:
        return None
    settings.TIPLINE_PROOF_OF_WORK_ENFORCED = True
    try:
        cost = flood_control.intake_settings().proof_of_work_cost
        solve, gate = [], []
        for index in range(samples):
            challenge = proof_of_work.challenge_new(cost=cost)
            start = time.process_time()
            payload = proof_of_work.challenge_solve(challenge)
            solve.append(time.process_time() - start)
            start = time.perf_counter()
            verdict = flood_control.submission_gate(
                client_key=f"bench-{index}", proof=payload, purpose="report", allow_without_proof=False
            )
            gate.append(time.perf_counter() - start)
            if not verdict.allowed:
                raise RuntimeError(f"proof-of-work gate refused a solved challenge: {verdict.refusal}")
    finally:
        settings.TIPLINE_PROOF_OF_WORK_ENFORCED = False
    return {"cost": cost, "gate_ms": ms(statistics.fmean(gate)), "solve_cpu_ms": ms(statistics.fmean(solve))}


def _kdf_throughput(kdf: Callable[[bytes], bytes], threads: int, calls_each: int) -> tuple[float, float]:
    """`threads` threads calling the KDF at once: calls per second, and CPU-ms per call (each thread's own CPU
    time, which other processes taking the cores do not inflate)."""
    barrier = threading.Barrier(threads + 1)
    cpu: list[float] = []

    def run() -> None:
        kdf(secrets.token_bytes(32))  # whatever a thread sets up on its first call stays out of the timing
        barrier.wait()
        start = time.thread_time()
        for _ in range(calls_each):
            kdf(secrets.token_bytes(32))
        cpu.append(time.thread_time() - start)

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    barrier.wait()
    start = time.perf_counter()
    for worker in workers:
        worker.join()
    rate = threads * calls_each / (time.perf_counter() - start)
    return rate, sum(cpu) * 1000 / (threads * calls_each)


def inprocess_main(options: argparse.Namespace) -> None:
    """Runs in the child process; prints one JSON document on the last line of stdout."""
    import warnings

    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", "--no-input", verbosity=0)
    call_command("demo_load", stdout=io.StringIO())
    # The proof-of-work gate is timed on its own (below); every other measurement runs without it.
    settings.TIPLINE_PROOF_OF_WORK_ENFORCED = False

    import argon2.low_level
    from django.db import connection
    from django.test import Client

    import tipline.intake.api as api_module
    import tipline.intake.services as services
    import tipline.intake.views as views_module
    from tipline.intake.models import Channel
    from tipline.intake.submissions import ReportDraft
    from tipline.vault import envelope, receipts

    cost = dict(settings.TIPLINE_RECEIPT_KDF)
    result: dict[str, Any] = {"kdf_params": cost}

    # --- the KDF alone, exactly the function report_submit calls ---
    kdf = receipts._kdf
    kdf(secrets.token_bytes(32))
    samples, cpu_samples = [], []
    for _ in range(options.kdf_samples):
        start, start_cpu = time.perf_counter(), time.thread_time()
        kdf(secrets.token_bytes(32))
        samples.append(time.perf_counter() - start)
        cpu_samples.append(time.thread_time() - start_cpu)
    cores = os.cpu_count() or 1
    result["kdf"] = {
        "samples_ms": [ms(s) for s in samples],
        "median_ms": ms(statistics.median(samples)),
        "min_ms": ms(min(samples)),
        "cpu_median_ms": ms(statistics.median(cpu_samples)),
    }
    concurrent = {
        n: _kdf_throughput(kdf, n, max(2, options.kdf_samples // 2)) for n in sorted({cores, options.clients})
    }
    result["kdf"]["threads_rate"] = {str(n): round(rate, 2) for n, (rate, _cpu) in concurrent.items()}
    result["kdf"]["threads_cpu_ms"] = {str(n): round(cpu, 2) for n, (_rate, cpu) in concurrent.items()}
    # The stock argon2-cffi call with the same parameters, in case the app's _kdf ever differs from it.
    stock = []
    for _ in range(max(3, options.kdf_samples // 3)):
        start = time.perf_counter()
        argon2.low_level.hash_secret_raw(
            secrets.token_bytes(32), secrets.token_bytes(16), time_cost=cost["time_cost"],
            memory_cost=cost["memory_cost_kib"], parallelism=cost["parallelism"], hash_len=32,
            type=argon2.low_level.Type.ID,
        )  # fmt: skip
        stock.append(time.perf_counter() - start)
    result["kdf"]["stock_hash_secret_raw_median_ms"] = ms(statistics.median(stock))

    rng = random.Random(7)  # noqa: S311 - reproducible test data, not secrets

    def draft() -> ReportDraft:
        body = api_body(rng)
        return ReportDraft(
            channel=Channel.API, category=body["category"], language=body["language"], text=body["text"],
            region=body["region"], occurred=body.get("occurred", ""), place=body.get("place", ""),
            people=body.get("people", ""), identifiers=body.get("identifiers", ""),
        )  # fmt: skip

    def submit() -> None:
        services.report_submit(draft=draft(), token=receipts.SubmissionToken(secrets.token_urlsafe(24)))

    for _ in range(3):
        submit()

    # --- report_submit with the real KDF (a few), then with the KDF replaced by random bytes (many) ---
    real = []
    for _ in range(options.breakdown_real):
        start = time.perf_counter()
        submit()
        real.append(time.perf_counter() - start)
    result["report_submit_real_median_ms"] = ms(statistics.median(real))

    timings = Timings()
    originals: dict[tuple[Any, str], Any] = {}

    def instrument(owner: Any, name: str, group: str) -> None:
        if hasattr(owner, name):
            originals[(owner, name)] = getattr(owner, name)
            setattr(owner, name, timings.wrap(group, getattr(owner, name)))
        else:
            missing.append(f"{getattr(owner, '__name__', owner)}.{name}")

    missing: list[str] = []
    for group, names in SUBMIT_PARTS.items():
        for name in names:
            instrument(services, name, group)
    instrument(envelope, "data_key_new", "encryption")
    instrument(envelope, "encrypt", "encryption")
    kdf_stub = timings.wrap("kdf_stub", lambda code: secrets.token_bytes(32))
    services.receipt_lookup_key = kdf_stub
    services.transaction = _TimedTransactionModule(timings, services.transaction)
    connection.ensure_connection()
    connection._commit = timings.wrap("commit", connection._commit)
    queries: list[int] = []

    def counting(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(1)
        return execute(sql, params, many, context)

    submit_wrapped = timings.wrap("report_submit", services.report_submit)
    for _ in range(5):
        submit_wrapped(draft=draft(), token=receipts.SubmissionToken(secrets.token_urlsafe(24)))
    timings.per_item.clear()
    timings.current = {}
    with connection.execute_wrapper(counting):
        for _ in range(options.breakdown_count):
            submit_wrapped(draft=draft(), token=receipts.SubmissionToken(secrets.token_urlsafe(24)))
            timings.close_item()
    names = ["report_submit", *SUBMIT_PARTS, "encryption", "transaction", "commit", "kdf_stub"]
    result["submit_parts_ms"] = {name: round(timings.mean(name) * 1000, 3) for name in names}
    result["submit_parts_ms"]["queries_per_submission"] = round(len(queries) / options.breakdown_count, 1)
    result["missing_wrappers"] = missing

    # --- cProfile of the same (wrappers removed): report_submit's direct callees, whatever the app adds ---
    for (owner, name), original in originals.items():
        setattr(owner, name, original)
    services.transaction = services.transaction.real
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profiled = max(10, options.breakdown_count // 2)
    start = time.perf_counter()
    profile.enable()
    for _ in range(profiled):
        submit()
    profile.disable()
    profiled_ms = (time.perf_counter() - start) * 1000 / profiled
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    submit_key = next(key for key in stats if key[2] == "report_submit")
    callees = []
    for key, (_cc, _nc, _tt, _ct, callers) in stats.items():
        if submit_key in callers and "bench_intake" not in key[0]:
            where = f"{Path(key[0]).parent.name}/{Path(key[0]).name}:{key[1]}" if key[1] else key[0]
            callees.append((f"{key[2]} ({where})", callers[submit_key][3] * 1000 / profiled))
    callees.sort(key=lambda item: -item[1])
    result["profile"] = {
        "ms_per_submission_profiled": round(profiled_ms, 3),
        "own_ms": round(stats[submit_key][2] * 1000 / profiled, 3),
        "callees": [(n, round(v, 3)) for n, v in callees[:12]],
    }

    result["proof_of_work"] = proof_of_work_cost(settings, options.pow_samples)

    # --- the same through Django + Ninja (middleware, JSON body, schema, response), KDF still stubbed ---
    request_timings = Timings()
    api_module.report_submit = request_timings.wrap("report_submit", services.report_submit)
    client = Client(HTTP_HOST="127.0.0.1")

    def api_post() -> None:
        start = time.perf_counter()
        response = client.post("/api/v1/reports", json.dumps(api_body(rng)), content_type="application/json",
                               headers={"Idempotency-Key": secrets.token_urlsafe(24)})  # fmt: skip
        request_timings.current["request"] = time.perf_counter() - start
        if response.status_code != 201:
            raise RuntimeError(
                f"in-process API post answered {response.status_code}: {response.content[:300]!r}"
            )

    for _ in range(5):
        api_post()
    request_timings.current = {}
    for _ in range(options.breakdown_count):
        api_post()
        request_timings.close_item()
    result["api_request_ms"] = {
        "request": round(request_timings.mean("request") * 1000, 3),
        "report_submit": round(request_timings.mean("report_submit") * 1000, 3),
    }

    # --- the web form with a JPEG: form handling, upload to scratch, metadata removal, encrypted store ---
    form_timings = Timings()
    views_module.report_submit = form_timings.wrap("report_submit", services.report_submit)
    services.attachments_store = form_timings.wrap("attachments", services.attachments_store)
    photo = jpeg_attachment()
    web_client = Client(HTTP_HOST="127.0.0.1")
    token_pattern = re.compile(r'name="submission_token" value="([^"]+)"')

    def form_post() -> None:
        start = time.perf_counter()
        page = web_client.get("/en/report/").content.decode()
        form_timings.current["page"] = time.perf_counter() - start
        match = token_pattern.search(page)
        if not match:
            raise RuntimeError("no submission_token in the form page")
        body = api_body(rng)
        upload = io.BytesIO(photo)
        upload.name = "IMG_0001.jpg"
        start = time.perf_counter()
        response = web_client.post("/en/report/", {
            "category": body["category"], "text": body["text"], "region": body["region"],
            "reporter_kind": "anonymous", "submission_token": match.group(1), "attachments": upload,
        })  # fmt: skip
        form_timings.current["request"] = time.perf_counter() - start
        if response.status_code != 200 or b"data-receipt-code" not in response.content:
            raise RuntimeError(f"in-process form post answered {response.status_code}")

    for _ in range(3):
        form_post()
    form_timings.current = {}
    for _ in range(max(5, options.breakdown_count // 4)):
        form_post()
        form_timings.close_item()
    result["form_request_ms"] = {
        name: round(form_timings.mean(name) * 1000, 3)
        for name in ("page", "request", "report_submit", "attachments")
    }
    result["attachment_bytes"] = len(photo)
    print(json.dumps(result))


def run_inprocess(options: argparse.Namespace, var_dir: Path) -> dict[str, Any]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tipline.config.settings",
        "TIPLINE_VAR_DIR": str(var_dir),
        "TIPLINE_KEY_FILE": str(var_dir / "keys.json"),
        "TIPLINE_ESCROW_PRIVATE_FILE": str(var_dir / "escrow-private.json"),
        "TIPLINE_DATABASE_URL": f"sqlite:///{var_dir / 'tipline.sqlite3'}",
        "TIPLINE_LOG_LEVEL": "WARNING",
    }
    for name in ("TIPLINE_FILES_DIR", "TIPLINE_SCRATCH_DIR"):
        env.pop(name, None)
    command = [sys.executable, __file__, "--inprocess", "--clients", str(options.clients),
               "--kdf-samples", str(options.kdf_samples), "--breakdown-count", str(options.breakdown_count),
               "--breakdown-real", str(options.breakdown_real), "--pow-samples", str(options.pow_samples)]  # fmt: skip
    completed = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)
    if completed.returncode != 0:
        raise RuntimeError(
            f"in-process phase failed:\n{completed.stdout[-2000:]}\n{completed.stderr[-4000:]}"
        )
    return json.loads(completed.stdout.strip().splitlines()[-1])


# ----------------------------------------------------------------------------------------------------------------
# Phase 2: over HTTP against a real server
# ----------------------------------------------------------------------------------------------------------------


@dataclass
class LoadResult:
    name: str
    clients: int
    completed: int = 0
    wall_seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    extra_latencies: list[float] = field(default_factory=list)  # the GET of the form, for the web path
    errors: list[str] = field(default_factory=list)
    cpu: dict[str, float] = field(default_factory=dict)
    stopped_by_time: bool = False

    @property
    def rate(self) -> float:
        return self.completed / self.wall_seconds if self.wall_seconds else 0.0

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "clients": self.clients,
            "submissions": self.completed,
            "errors": len(self.errors),
            "wall_s": round(self.wall_seconds, 2),
            "rate_per_s": round(self.rate, 2),
            "latency_ms": {
                "p50": ms(percentile(self.latencies, 0.50)),
                "p95": ms(percentile(self.latencies, 0.95)),
                "p99": ms(percentile(self.latencies, 0.99)),
                "max": ms(max(self.latencies)) if self.latencies else None,
            },
            "stopped_by_time_limit": self.stopped_by_time,
            **self.cpu,
        }
        if self.extra_latencies:
            out["form_get_latency_ms_p50"] = ms(percentile(self.extra_latencies, 0.5))
        return out


Operation = Callable[[Any, random.Random], tuple[float, float | None, str | None]]


class Proofs:
    """Solved proof-of-work payloads for a run with the gate on (--proof-of-work), one per submission. All
    submissions come from one address here, so the run lifts the per-connection hourly limit (an intake setting,
    TIPLINE_SUBMISSIONS_PER_CLIENT_HOUR) instead of pretending to be many reporters."""

    payloads: list[str] = []
    lock = threading.Lock()

    @classmethod
    def headers(cls) -> dict[str, str]:
        with cls.lock:
            return {"Altcha": cls.payloads.pop()} if cls.payloads else {}


def _solve(challenge: dict[str, Any]) -> str:
    from tipline.vault.proof_of_work import challenge_solve

    return challenge_solve(challenge)


def proofs_solve(base_url: str, count: int) -> float:
    """Fetches `count` challenges from the server and solves them on every core (as reporters' phones would,
    before the run: solving is the client's cost, not the server's). Returns the seconds it took."""
    import multiprocessing

    import httpx

    start = time.perf_counter()
    with httpx.Client(base_url=base_url, timeout=30) as client:
        challenges = [client.get("/api/v1/challenge").json() for _ in range(count)]
    with multiprocessing.get_context("fork").Pool(os.cpu_count() or 1) as pool:
        solved = pool.map(_solve, challenges)
    with Proofs.lock:
        Proofs.payloads.extend(solved)
    return time.perf_counter() - start


def api_submission(client: Any, rng: random.Random) -> tuple[float, float | None, str | None]:
    body = api_body(rng)
    headers = {"Idempotency-Key": secrets.token_urlsafe(24), **Proofs.headers()}
    start = time.perf_counter()
    response = client.post("/api/v1/reports", json=body, headers=headers)
    elapsed = time.perf_counter() - start
    if response.status_code != 201:
        return elapsed, None, f"HTTP {response.status_code}: {response.text[:200]}"
    if not re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", response.json().get("receipt", "")):
        return elapsed, None, f"201 without a receipt: {response.text[:200]}"
    return elapsed, None, None


_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_TOKEN = re.compile(r'name="submission_token" value="([^"]+)"')
_PHOTO = b""


def form_submission(client: Any, rng: random.Random) -> tuple[float, float | None, str | None]:
    start = time.perf_counter()
    page = client.get("/en/report/")
    get_elapsed = time.perf_counter() - start
    csrf, token = _CSRF.search(page.text), _TOKEN.search(page.text)
    if page.status_code != 200 or not csrf or not token:
        return (
            get_elapsed,
            None,
            f"form GET: HTTP {page.status_code}, csrf/token found: {bool(csrf)}/{bool(token)}",
        )
    body = api_body(rng)
    data = {
        "csrfmiddlewaretoken": csrf.group(1), "submission_token": token.group(1), "category": body["category"],
        "text": body["text"], "region": body["region"], "reporter_kind": "anonymous",
        "occurred": body.get("occurred", ""), "place": body.get("place", ""), "people": body.get("people", ""),
        "identifiers": body.get("identifiers", ""),
    }  # fmt: skip
    headers = Proofs.headers()
    if headers:
        data["altcha"] = headers.pop("Altcha")
    start = time.perf_counter()
    response = client.post(
        "/en/report/",
        data=data,
        files={"attachments": ("IMG_0001.jpg", _PHOTO, "image/jpeg")},
        headers=headers,
    )
    elapsed = time.perf_counter() - start
    if response.status_code != 200 or 'data-receipt-code="' not in response.text:
        return elapsed, get_elapsed, f"form POST: HTTP {response.status_code}: {response.text[:200]!r}"
    return elapsed, get_elapsed, None


def run_load(
    base_url: str, operation: Operation, *, name: str, count: int, clients: int, time_limit: float,
    server_pid: int | None, seed: int,
) -> LoadResult:  # fmt: skip
    """`clients` threads, each with its own keep-alive connection, share `count` operations; nobody starts a new
    one after `time_limit` seconds. Any exception or unexpected answer is an error."""
    import httpx

    result = LoadResult(name=name, clients=clients)
    lock = threading.Lock()
    remaining = [count]
    barrier = threading.Barrier(clients + 1)
    deadline = [0.0]

    def client_loop(index: int) -> None:
        rng = random.Random(seed * 1000 + index)  # noqa: S311
        with httpx.Client(base_url=base_url, timeout=60) as client:
            barrier.wait()
            while True:
                with lock:
                    if remaining[0] <= 0:
                        return
                    if time.monotonic() > deadline[0]:
                        result.stopped_by_time = True
                        return
                    remaining[0] -= 1
                try:
                    elapsed, extra, error = operation(client, rng)
                except Exception as exc:  # any exception is an error of the run, never a crash of the bench
                    elapsed, extra, error = 0.0, None, f"{type(exc).__name__}: {exc}"
                with lock:
                    if error is None:
                        result.completed += 1
                        result.latencies.append(elapsed)
                        if extra is not None:
                            result.extra_latencies.append(extra)
                    else:
                        result.errors.append(error)

    threads = [threading.Thread(target=client_loop, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    meter = CpuMeter(server_pid)
    start_mark = meter.mark()
    deadline[0] = time.monotonic() + time_limit
    start = time.perf_counter()
    barrier.wait()
    for thread in threads:
        thread.join(timeout=time_limit + 120)
    result.wall_seconds = time.perf_counter() - start
    result.cpu = meter.between(start_mark, meter.mark(), result.completed + len(result.errors))
    return result


def server_side_ms(log: bytes, path: str) -> list[float]:
    """Request times gunicorn measured (from the request parsed to the response written), from the access log."""
    pattern = re.compile(rb'"POST ' + re.escape(path.encode()) + rb'" (\d{3}) \S+ (\d+)us')
    return [int(m.group(2)) / 1000 for m in pattern.finditer(log)]


def requests_per_worker(log: bytes, path: str) -> dict[str, int]:
    """How many of the requests to `path` each worker process served (keep-alive connections stay on the worker
    that accepted them)."""
    pattern = re.compile(rb'"POST ' + re.escape(path.encode()) + rb'" \d{3} \S+ \d+us <(\d+)>')
    counts: dict[str, int] = {}
    for match in pattern.finditer(log):
        counts[match.group(1).decode()] = counts.get(match.group(1).decode(), 0) + 1
    return counts


@contextlib.contextmanager
def real_server(var_dir: Path, extra_env: dict[str, str]) -> Iterator[Any]:
    from tipline.testsupport.server import tipline_server

    # Microsecond request times in the access log (the app's format logs whole milliseconds).
    access = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(D)sus %(p)s'
    env = {**extra_env, "GUNICORN_CMD_ARGS": f"--access-logformat='{access}'", "TIPLINE_LOG_LEVEL": "WARNING"}
    with tipline_server(var_dir, extra_env=env) as server:
        yield server


def single_client(base_url: str, operation: Operation, count: int) -> list[float]:
    import httpx

    rng = random.Random(99)  # noqa: S311
    latencies = []
    with httpx.Client(base_url=base_url, timeout=60) as client:
        for _ in range(count):
            elapsed, _extra, error = operation(client, rng)
            if error:
                raise RuntimeError(f"single-client request failed: {error}")
            latencies.append(elapsed)
    return latencies


# ----------------------------------------------------------------------------------------------------------------
# Phase 3: the reference, a bare Django view with the same Argon2id call and one SQLite insert
# ----------------------------------------------------------------------------------------------------------------

urlpatterns: list[Any] = []  # the reference app's URLconf (this module, imported by gunicorn)


def reference_application() -> Any:
    """WSGI app for gunicorn (`bench_intake:reference_application()`): Django with no middleware and one view."""
    import argon2.low_level
    import django
    from django.conf import settings
    from django.db import connection, transaction
    from django.http import HttpRequest, JsonResponse
    from django.urls import path

    settings.configure(
        DEBUG=False, SECRET_KEY=secrets.token_urlsafe(32), ALLOWED_HOSTS=["127.0.0.1"], ROOT_URLCONF=__name__,
        MIDDLEWARE=[], INSTALLED_APPS=[], USE_TZ=True,
        DATABASES={"default": {
            "ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["BENCH_REFERENCE_DB"], "CONN_MAX_AGE": 60,
            "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
                        "transaction_mode": "IMMEDIATE", "timeout": 30},
        }},
    )  # fmt: skip
    django.setup()
    salt = secrets.token_bytes(16)
    time_cost = int(os.environ["TIPLINE_RECEIPT_KDF_TIME"])
    memory = int(os.environ["TIPLINE_RECEIPT_KDF_MEMORY_KIB"])
    parallelism = int(os.environ.get("TIPLINE_RECEIPT_KDF_PARALLELISM", "1"))

    def submit(request: HttpRequest) -> JsonResponse:
        body = json.loads(request.body)
        lookup = argon2.low_level.hash_secret_raw(
            secrets.token_bytes(32), salt, time_cost=time_cost, memory_cost=memory, parallelism=parallelism,
            hash_len=32, type=argon2.low_level.Type.ID,
        )  # fmt: skip
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO report (lookup, body) VALUES (%s, %s)", [lookup, json.dumps(body)])
        return JsonResponse({"receipt": "0000 0000 0000 0000"}, status=201)

    submit.csrf_exempt = True  # type: ignore[attr-defined]
    urlpatterns[:] = [path("api/v1/reports", submit)]
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


@contextlib.contextmanager
def reference_server(var_dir: Path, extra_env: dict[str, str]) -> Iterator[tuple[str, int]]:
    import sqlite3

    import httpx

    database = var_dir / "reference.sqlite3"
    with sqlite3.connect(database) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE report (id INTEGER PRIMARY KEY, lookup BLOB UNIQUE, body TEXT)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, **extra_env, "BENCH_REFERENCE_DB": str(database), "TIPLINE_BIND": f"127.0.0.1:{port}",
           "TIPLINE_ACCESS_LOG": "0"}  # fmt: skip
    log = (var_dir / "reference.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "tipline/config/gunicorn.py", "--pythonpath", str(BENCH_DIR),
         "bench_intake:reference_application()"],
        cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"reference server exited: {(var_dir / 'reference.log').read_text()[-2000:]}"
                )
            with contextlib.suppress(httpx.HTTPError):
                httpx.get(url + "/", timeout=1)
                break
            if time.monotonic() > deadline:
                raise RuntimeError("reference server did not start")
            time.sleep(0.1)
        yield url, process.pid
    finally:
        if process.poll() is None:
            os.killpg(process.pid, 15)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait()
        log.close()


# ----------------------------------------------------------------------------------------------------------------
# Report
# ----------------------------------------------------------------------------------------------------------------


def breakdown_rows(
    inproc: dict[str, Any], single_ms: float, server_ms: float | None, *, gate_ms: float | None
) -> list[tuple[str, float]]:
    """One submission, single client. Every part but the KDF is timed directly (in process, means over many
    submissions with the KDF stubbed); the KDF row is what the server's own request time leaves for it, so that
    the rows add up to the measured latency. The KDF alone (microbenchmark) is printed next to it."""
    parts = inproc["submit_parts_ms"]
    in_transaction = ("audit", "commit", "case_open")
    outside = (
        "validation",
        "digests",
        "replay_lookup",
        "receipt_code",
        "routing",
        "encryption",
        "transaction",
    )
    # The stub that replaces the KDF in the timed runs costs microseconds; it is not part of the app.
    submit_rest = parts["report_submit"] - parts["kdf_stub"] - sum(parts.get(name, 0.0) for name in outside)
    django_ms = inproc["api_request_ms"]["request"] - inproc["api_request_ms"]["report_submit"]
    rows = [
        ("encryption (data key, KEK wrap, content AEAD)", parts["encryption"]),
        ("validation (report_draft_problems)", parts["validation"]),
        ("idempotency: token + content digests (HMAC)", parts["digests"]),
        ("idempotency: replay lookup (SubmissionRecord query)", parts["replay_lookup"]),
        ("receipt code (HMAC)", parts["receipt_code"]),
        ("routing (unit for region)", parts["routing"]),
        (
            "DB transaction: inserts + other statements",
            parts["transaction"] - sum(parts[n] for n in in_transaction),
        ),
        ("DB transaction: case opening (cases.triggers.case_open)", parts["case_open"]),
        ("DB transaction: audit append (head lock + event)", parts["audit"]),
        ("DB transaction: COMMIT (WAL, synchronous=FULL)", parts["commit"]),
        ("report_submit, rest", submit_rest),
        ("Django + Ninja around it (middleware, JSON, schema)", django_ms),
    ]
    if gate_ms is not None:
        rows.append(("proof-of-work gate (counters + ALTCHA check)", gate_ms))
    rows = [row for row in rows if not (row[0].startswith("DB transaction: case") and not row[1])]
    others = sum(value for _, value in rows)
    if server_ms is not None:
        kdf_row = ("receipt KDF in the server (server time - rows below)", server_ms - others)
        rows.append(("gunicorn I/O + loopback HTTP + httpx client", single_ms - server_ms))
    else:
        kdf_row = ("receipt KDF + gunicorn + HTTP + client (by difference)", single_ms - others)
    return [kdf_row, *rows]


def print_table(title: str, rows: list[tuple[str, float]], total: float) -> None:
    print(f"\n{title}")
    print(f"  {'component':<58} {'ms/submission':>13} {'share':>7}")
    for label, value in rows:
        print(f"  {label:<58} {value:>13.3f} {value / total * 100:>6.1f}%")
    print(f"  {'total: single-client end-to-end latency (median)':<58} {total:>13.3f} {100:>6.1f}%")


def print_load(result: LoadResult, floor: float | None = None) -> None:
    s = result.summary()
    lat = s["latency_ms"]
    ratio = f", {result.rate / floor * 100:.1f}% of the KDF floor" if floor else ""
    print(f"\n{result.name}: {s['submissions']} submissions by {s['clients']} clients in {s['wall_s']} s "
          f"= {s['rate_per_s']:.2f}/s{ratio}; errors: {s['errors']}"
          f"{' (stopped by the time limit)' if result.stopped_by_time else ''}")  # fmt: skip
    print(f"  latency ms: p50 {lat['p50']}, p95 {lat['p95']}, p99 {lat['p99']}, max {lat['max']}"
          + (f"; form GET p50 {s['form_get_latency_ms_p50']}" if "form_get_latency_ms_p50" in s else ""))  # fmt: skip
    print(f"  CPU per submission: server {s['server_cpu_ms_per_item']} ms, this client process "
          f"{s['client_cpu_ms_per_item']} ms; cores busy: server {s['server_cores_busy']}, whole machine "
          f"{s['machine_cores_busy']}, other processes {s['other_cores_busy']}")  # fmt: skip
    if s["other_cores_busy"] > BUSY_WARNING_CORES:
        print(f"  WARNING: other processes used {s['other_cores_busy']} cores during this phase: the machine was "
              "not quiet, the figure understates the app.")  # fmt: skip
    for error in result.errors[:20]:
        print(f"  error: {error}")
    if len(result.errors) > 20:
        print(f"  ... and {len(result.errors) - 20} more errors")


def git_revision() -> str:
    git = shutil.which("git")
    if git is None:
        return "unknown"
    with contextlib.suppress(OSError):
        run = subprocess.run
        head = run([git, "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True)
        dirty = run([git, "status", "--porcelain"], cwd=REPO_ROOT, capture_output=True, text=True)
        return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    return "unknown"


def parse_options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    add = parser.add_argument
    add("--count", type=int, default=150, help="API submissions in the measured run (150)")
    add("--web-count", type=int, default=40, help="web form submissions (40; 0 skips the web path)")
    add("--overhead-count", type=int, default=200, help="API submissions with a cheap KDF (200; 0 skips)")
    add("--clients", type=int, default=4, help="concurrent clients (4)")
    add(
        "--time-limit",
        type=float,
        default=25,
        help="seconds at most for the API and reference runs (25); the web run gets at most 15, each cheap-KDF\n"
        "run 10, so that the whole benchmark stays under about three minutes even on a busy machine",
    )
    add("--threads", help="TIPLINE_WEB_THREADS for the server (default: the app's, 8)")
    add("--workers", help="TIPLINE_WEB_WORKERS for the server (default: the app's, 1)")
    add("--kdf-samples", type=int, default=15, help="single KDF calls timed (15)")
    add("--breakdown-count", type=int, default=60, help="submissions timed in process (60)")
    add("--breakdown-real", type=int, default=8, help="...and with the real KDF (8)")
    add("--quiet-wait", type=float, default=8, help="wait up to this many s for other load to stop (8)")
    add(
        "--proof-of-work",
        action="store_true",
        help="keep the server's proof-of-work gate on (real cost, per-connection limit lifted): challenges\n"
        "are solved before each run, about 0.2 CPU-s each, so this takes longer. By default the gate is\n"
        "off in the HTTP runs; its server-side cost is measured in process and added in the model",
    )
    add("--pow-samples", type=int, default=5, help="solved challenges to time the gate in process (5)")
    add("--no-reference", action="store_true", help="skip the bare Django + Argon2id reference")
    add(
        "--json",
        type=Path,
        default=DEFAULT_JSON,
        help=f"summary file ({DEFAULT_JSON.relative_to(REPO_ROOT)})",
    )
    add("--keep", action="store_true", help="keep the temporary var directories")
    add("--strict", action="store_true", help="exit with status 1 when the target is not met")
    add("--inprocess", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> int:
    options = parse_options()
    if options.inprocess:
        inprocess_main(options)
        return 0
    global _PHOTO
    _PHOTO = jpeg_attachment()
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="tipline-bench-intake-"))
    try:
        summary = run_all(options, work, started)
    finally:
        if options.keep:
            print(f"(kept {work})")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if options.strict and not summary["target_met"] else 0


def run_all(options: argparse.Namespace, work: Path, started: float) -> dict[str, Any]:
    from tipline.testsupport.server import CHEAP_KDF

    cores = os.cpu_count() or 1
    clients = options.clients
    phases = 3 if options.no_reference else 4
    print(f"Tipline intake benchmark, {dt.datetime.now().isoformat(timespec='seconds')}, {cores} cores "
          f"({cpu_model()}), Python {platform.python_version()}, revision {git_revision()}"
          + (f", GLIBC_TUNABLES={os.environ['GLIBC_TUNABLES']}" if os.environ.get("GLIBC_TUNABLES") else ""))  # fmt: skip

    # ---- 1. The KDF alone and the in-process breakdown ----
    print(f"\n[1/{phases}] receipt KDF alone and the in-process breakdown ...", flush=True)
    print(f"  ({wait_quiet(options.quiet_wait)})")
    inproc = run_inprocess(options, work / "inprocess")
    kdf, params = inproc["kdf"], inproc["kdf_params"]
    floor = cores / (kdf["median_ms"] / 1000)
    kdf_parallel_ms = kdf["threads_cpu_ms"][str(cores)]  # CPU-ms a call costs when `cores` calls run at once
    cpu_floor = cores * 1000 / kdf["cpu_median_ms"]
    print(f"  Argon2id t={params['time_cost']} m={params['memory_cost_kib']} KiB p={params['parallelism']} "
          f"(tipline.vault.receipts._kdf): median {kdf['median_ms']} ms, min {kdf['min_ms']} ms over "
          f"{len(kdf['samples_ms'])} calls, {kdf['cpu_median_ms']} CPU-ms; argon2-cffi's hash_secret_raw with "
          f"the same parameters: {kdf['stock_hash_secret_raw_median_ms']} ms")  # fmt: skip
    for threads, rate in kdf["threads_rate"].items():
        print(f"  {threads} concurrent KDF calls (threads): {rate:.2f}/s = {rate / floor * 100:.1f}% of the floor; "
              f"{kdf['threads_cpu_ms'][threads]} CPU-ms a call")  # fmt: skip
    print(f"  floor = {cores} cores / {kdf['median_ms']} ms = {floor:.2f} submissions/s")

    # ---- 2. Over HTTP against the real server, real KDF ----
    print(f"\n[2/{phases}] real server (gunicorn, real KDF) ...", flush=True)
    kdf_env = {
        "TIPLINE_RECEIPT_KDF_TIME": str(params["time_cost"]),
        "TIPLINE_RECEIPT_KDF_MEMORY_KIB": str(params["memory_cost_kib"]),
        "TIPLINE_RECEIPT_KDF_PARALLELISM": str(params["parallelism"]),
    }
    server_env = {}
    if options.threads:
        server_env["TIPLINE_WEB_THREADS"] = options.threads
    if options.workers:
        server_env["TIPLINE_WEB_WORKERS"] = options.workers
    pow_cost = inproc.get("proof_of_work") or {}
    server_env["TIPLINE_PROOF_OF_WORK_ENFORCED"] = "1" if options.proof_of_work else "0"
    real_pow_env = {}
    if options.proof_of_work:
        real_pow_env = {"TIPLINE_PROOF_OF_WORK_COST": str(pow_cost.get("cost", 5000)),
                        "TIPLINE_SUBMISSIONS_PER_CLIENT_HOUR": "32000"}  # fmt: skip
    gate = (
        f"on (cost {pow_cost.get('cost', 5000)}, challenges solved beforehand)"
        if options.proof_of_work
        else "off"
    )
    threads_used = int(options.threads or os.environ.get("TIPLINE_WEB_THREADS", "8"))
    workers_used = int(options.workers or os.environ.get("TIPLINE_WEB_WORKERS", "1"))
    web = None
    with real_server(work / "server", {**kdf_env, **server_env, **real_pow_env}) as server:
        pid = server.process.pid
        print(f"  server: {workers_used} worker process(es) x {threads_used} threads, {server.url}; "
              f"proof-of-work gate {gate}")  # fmt: skip
        if options.proof_of_work:
            needed = (
                3 * clients + 12 + options.count + (2 + options.web_count if options.web_count > 0 else 0)
            )
            print(f"  solved {needed} challenges in {proofs_solve(server.url, needed):.1f} s", flush=True)
        # Warm-up: every server thread opens its database connection, code paths and KDF memory get hot.
        warm = run_load(server.url, api_submission, name="warm-up", count=3 * clients, clients=clients,
                        time_limit=30, server_pid=pid, seed=1)  # fmt: skip
        if warm.errors:
            print_load(warm)
        print(f"  ({wait_quiet(options.quiet_wait)})")
        log_start = server.log_path.stat().st_size
        single = single_client(server.url, api_submission, 12)
        server_times = server_side_ms(server.log_path.read_bytes()[log_start:], "/api/v1/reports")
        single_ms = statistics.median(single) * 1000
        server_ms = statistics.median(server_times) if len(server_times) == len(single) else None
        log_single_end = server.log_path.stat().st_size
        api = run_load(server.url, api_submission, name="API  POST /api/v1/reports", count=options.count,
                       clients=clients, time_limit=options.time_limit, server_pid=pid, seed=2)  # fmt: skip
        per_worker = requests_per_worker(server.log_path.read_bytes()[log_single_end:], "/api/v1/reports")
        api_server = server_side_ms(server.log_path.read_bytes()[log_start:], "/api/v1/reports")[
            len(single) :
        ]
        if options.web_count > 0:
            single_client(server.url, form_submission, 2)  # warm the form path
            print(f"  ({wait_quiet(options.quiet_wait)})")
            web = run_load(server.url, form_submission, name="Web  GET + POST /en/report/ (with JPEG)",
                           count=options.web_count, clients=clients, time_limit=min(options.time_limit, 15),
                           server_pid=pid, seed=3)  # fmt: skip

    # ---- 3. The same server with a cheap KDF: what everything but the KDF costs over HTTP ----
    overhead: dict[str, LoadResult] = {}
    if options.overhead_count > 0:
        print(f"\n[3/{phases}] same server with a cheap KDF (t=1, 64 KiB): the cost of everything else ...",
              flush=True)  # fmt: skip
        cheap_pow_env = {"TIPLINE_PROOF_OF_WORK_COST": "10", "TIPLINE_SUBMISSIONS_PER_CLIENT_HOUR": "32000"}
        with real_server(work / "cheap", {**CHEAP_KDF, **server_env, **cheap_pow_env}) as server:
            pid = server.process.pid
            if options.proof_of_work:
                needed = 5 * clients + options.overhead_count * len({1, clients})
                print(f"  solved {needed} challenges in {proofs_solve(server.url, needed):.1f} s", flush=True)
            run_load(server.url, api_submission, name="warm-up", count=5 * clients, clients=clients,
                     time_limit=30, server_pid=pid, seed=6)  # fmt: skip
            print(f"  ({wait_quiet(options.quiet_wait)})")
            for n in sorted({1, clients}):
                overhead[str(n)] = run_load(server.url, api_submission, name=f"Cheap KDF, {n} client(s)",
                                            count=options.overhead_count, clients=n,
                                            time_limit=min(options.time_limit, 10), server_pid=pid, seed=7)  # fmt: skip
    else:
        print(f"\n[3/{phases}] cheap-KDF phase skipped")

    # ---- 4. The reference ----
    reference = None
    if not options.no_reference:
        print(f"\n[4/{phases}] reference: bare Django view, same Argon2id call + one SQLite insert, same "
              "gunicorn ...", flush=True)  # fmt: skip
        (work / "reference").mkdir()
        with reference_server(work / "reference", {**kdf_env, **server_env}) as (ref_url, ref_pid):
            run_load(ref_url, api_submission, name="warm-up", count=2 * clients, clients=clients, time_limit=30,
                     server_pid=ref_pid, seed=4)  # fmt: skip
            print(f"  ({wait_quiet(options.quiet_wait)})")
            reference = run_load(ref_url, api_submission, name="Reference (bare Django + Argon2id + insert)",
                                 count=options.count, clients=clients, time_limit=options.time_limit,
                                 server_pid=ref_pid, seed=5)  # fmt: skip

    # ---- Report ----
    gate_ms = pow_cost["gate_ms"] if pow_cost and options.proof_of_work else None
    rows = breakdown_rows(inproc, single_ms, server_ms, gate_ms=gate_ms)
    print_table("Where the time goes, one submission (single client, API; in-process parts are means)",
                rows, single_ms)  # fmt: skip
    parts = inproc["submit_parts_ms"]
    non_kdf = single_ms - rows[0][1]
    print(f"  everything but the KDF: {non_kdf:.2f} ms a submission ({non_kdf / single_ms * 100:.1f}%); the KDF "
          f"alone (microbenchmark, median): {kdf['median_ms']} ms; in the server: {rows[0][1]:.2f} ms")  # fmt: skip
    print(f"  report_submit without the KDF: {parts['report_submit'] - parts['kdf_stub']:.2f} ms "
          f"({parts['queries_per_submission']} SQL statements); with the real KDF (median of "
          f"{options.breakdown_real}): {inproc['report_submit_real_median_ms']} ms")  # fmt: skip
    if server_ms is not None:
        print(
            f"  request time measured by gunicorn (median): {server_ms:.2f} ms; end to end: {single_ms:.2f} ms"
        )
    if inproc["missing_wrappers"]:
        print(f"  (not found in the app, not timed: {', '.join(inproc['missing_wrappers'])})")
    if pow_cost:
        where = "a row above" if options.proof_of_work else "NOT in the HTTP runs (gate off)"
        print(f"  proof-of-work gate (ALTCHA, cost {pow_cost['cost']}): {pow_cost['gate_ms']} ms server-side a "
              f"submission, {where}; solving costs the reporter's device {pow_cost['solve_cpu_ms']} CPU-ms")  # fmt: skip
    prof = inproc["profile"]
    print(f"  report_submit's direct callees under cProfile (KDF stubbed; {prof['ms_per_submission_profiled']:.2f} "
          f"ms a submission with the profiler's overhead, {prof['own_ms']:.2f} ms in its own code):")  # fmt: skip
    for name, value in prof["callees"]:
        print(f"    {value:7.3f} ms  {name}")
    form = inproc["form_request_ms"]
    print(f"  web form in process (no network, KDF stubbed): GET of the form page {form.get('page', 0):.2f} ms; "
          f"POST {form['request']:.2f} ms, of which "
          f"report_submit {form['report_submit']:.2f} ms, of which the attachment "
          f"({inproc['attachment_bytes']} B JPEG: type, metadata removal, encrypted store + fsync) "
          f"{form['attachments']:.2f} ms")  # fmt: skip

    print_load(api, floor)
    if api_server:
        print(f"  request time measured by gunicorn under load: p50 {statistics.median(api_server):.1f} ms, "
              f"p95 {percentile(api_server, 0.95):.1f} ms")  # fmt: skip
    if len(per_worker) > 1 or workers_used > 1:
        print(f"  API requests served per worker process: {sorted(per_worker.values(), reverse=True)}")
    cpu_per = api.cpu["server_cpu_ms_per_item"] + api.cpu["client_cpu_ms_per_item"]
    cpu_rate = cores * 1000 / cpu_per if cpu_per else 0.0
    print(f"  CPU-bound rate at this cost: {cores} cores / {cpu_per:.1f} CPU-ms a submission (server + client) = "
          f"{cpu_rate:.2f}/s ({cpu_rate / floor * 100:.1f}% of the floor), what the run would reach with the "
          "machine to itself")  # fmt: skip
    if web:
        print_load(web, floor)
    for result in overhead.values():
        print_load(result)
    non_kdf_server = non_kdf_client = None
    if overhead:
        loaded = overhead[str(clients)]
        non_kdf_server = loaded.cpu["server_cpu_ms_per_item"]
        non_kdf_client = loaded.cpu["client_cpu_ms_per_item"]
    predicted = None
    if non_kdf_server is not None and non_kdf_client is not None:
        predicted = cores * 1000 / (kdf_parallel_ms + non_kdf_server + non_kdf_client)
        print(f"\nModel: with {cores} KDF calls at once a call costs {kdf_parallel_ms:.1f} CPU-ms (alone: "
              f"{kdf['cpu_median_ms']} ms); everything else costs {non_kdf_server:.2f} CPU-ms in the server and "
              f"{non_kdf_client:.2f} in this client (same cores) => ceiling {predicted:.2f}/s = "
              f"{predicted / cpu_floor * 100:.1f}% of the CPU-time floor")  # fmt: skip
        if pow_cost and not options.proof_of_work:
            with_gate = (
                cores * 1000 / (kdf_parallel_ms + non_kdf_server + non_kdf_client + pow_cost["gate_ms"])
            )
            print(f"  with the proof-of-work gate on (+{pow_cost['gate_ms']} ms): {with_gate:.2f}/s = "
                  f"{with_gate / cpu_floor * 100:.1f}% of the CPU-time floor")  # fmt: skip
    if reference:
        print_load(reference, floor)

    ratio = api.rate / floor
    errors = len(api.errors) + (len(web.errors) if web else 0)
    met = ratio >= TARGET_RATIO and errors == 0
    summary: dict[str, Any] = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "cores": cores,
            "cpu": cpu_model(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "revision": git_revision(),
        "server": {"workers": workers_used, "threads": threads_used},
        "kdf": {
            "params": params,
            "median_ms": kdf["median_ms"],
            "min_ms": kdf["min_ms"],
            "cpu_median_ms": kdf["cpu_median_ms"],
            "concurrent_rate_per_s": kdf["threads_rate"],
            "cpu_ms_per_call_concurrent": kdf["threads_cpu_ms"],
            "stock_hash_secret_raw_median_ms": kdf["stock_hash_secret_raw_median_ms"],
        },
        "floor_per_s": round(floor, 2),
        "achieved_per_s": round(api.rate, 2),
        "ratio_to_floor_pct": round(ratio * 100, 1),
        "errors": errors,
        "target_ratio_pct": TARGET_RATIO * 100,
        "target_met": met,
        "api": api.summary(),
        "cpu_bound_rate_per_s": round(cpu_rate, 2),
        "cpu_bound_ratio_to_floor_pct": round(cpu_rate / floor * 100, 1),
        "cpu_floor_per_s": round(cpu_floor, 2),
        "cpu_bound_ratio_to_cpu_floor_pct": round(cpu_rate / cpu_floor * 100, 1),
        "glibc_tunables": os.environ.get("GLIBC_TUNABLES", ""),
        "non_kdf_cpu_ms": {"server": non_kdf_server, "client": non_kdf_client},
        "model_ceiling_per_s": round(predicted, 2) if predicted else None,
        "proof_of_work": {"in_http_runs": options.proof_of_work, **(pow_cost or {})},
        "web": web.summary() if web else None,
        "web_ratio_to_floor_pct": round(web.rate / floor * 100, 1) if web else None,
        "cheap_kdf": {n: r.summary() for n, r in overhead.items()},
        "reference": reference.summary() if reference else None,
        "reference_ratio_to_floor_pct": round(reference.rate / floor * 100, 1) if reference else None,
        "single_client_latency_ms": round(single_ms, 2),
        "single_client_server_ms": round(server_ms, 2) if server_ms is not None else None,
        "breakdown_ms": {label: round(value, 3) for label, value in rows},
        "inprocess": {
            key: inproc[key] for key in ("submit_parts_ms", "api_request_ms", "form_request_ms", "profile")
        },
        "options": {
            "count": options.count,
            "web_count": options.web_count,
            "clients": clients,
            "time_limit_s": options.time_limit,
        },
        "run_seconds": round(time.monotonic() - started, 1),
    }
    previous = None
    with contextlib.suppress(OSError, ValueError):
        previous = json.loads(options.json.read_text())

    latency = api.summary()["latency_ms"]
    lines = [
        ("cores", f"{cores}"),
        (f"KDF (Argon2id t={params['time_cost']}, {params['memory_cost_kib'] // 1024} MiB, p={params['parallelism']})",
         f"{kdf['median_ms']} ms"),
        ("floor (cores / KDF)", f"{floor:.2f}/s"),
        (f"achieved (API, {clients} clients)", f"{api.rate:.2f}/s"),
        ("ratio to floor", f"{ratio * 100:.1f}%  (target {TARGET_RATIO * 100:.0f}%)"),
        ("errors", f"{errors}"),
        ("target met", "yes" if met else "no"),
        ("latency p50 / p95 / p99", f"{latency['p50']} / {latency['p95']} / {latency['p99']} ms"),
        ("other processes' CPU (API phase)", f"{api.cpu['other_cores_busy']} cores"),
        ("CPU-bound rate (machine to itself)", f"{cpu_rate:.2f}/s = {cpu_rate / floor * 100:.1f}% of the floor, "
         f"{cpu_rate / cpu_floor * 100:.1f}% of the CPU-time floor ({cpu_floor:.2f}/s)"),
    ]  # fmt: skip
    if non_kdf_server is not None:
        lines.append(
            ("non-KDF cost, CPU-ms a submission", f"server {non_kdf_server}, client {non_kdf_client}")
        )
    if predicted:
        lines.append(
            ("model ceiling", f"{predicted:.2f}/s = {predicted / cpu_floor * 100:.1f}% of the CPU-time floor")
        )
    if web:
        lines.append(("web form (with JPEG)", f"{web.rate:.2f}/s = {web.rate / floor * 100:.1f}% of the floor, "
                      f"{len(web.errors)} errors"))  # fmt: skip
    if reference:
        lines.append(("reference (bare Django)", f"{reference.rate:.2f}/s = {reference.rate / floor * 100:.1f}% "
                      f"of the floor (other CPU {reference.cpu['other_cores_busy']} cores)"))  # fmt: skip
    if previous and previous.get("achieved_per_s"):
        lines.append(("previous run", f"{previous.get('date')}: {previous['achieved_per_s']}/s, "
                      f"{previous.get('ratio_to_floor_pct')}% of its floor {previous.get('floor_per_s')}/s"))  # fmt: skip
    print("\n================================ SUMMARY ================================")
    for label, value in lines:
        print(f"  {label:<40} {value}")
    options.json.parent.mkdir(parents=True, exist_ok=True)
    options.json.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
    print(f"  written to {options.json} ({summary['run_seconds']} s)")
    return summary


if __name__ == "__main__":
    sys.exit(main())
