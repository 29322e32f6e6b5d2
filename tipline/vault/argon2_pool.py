"""Argon2id with its working memory kept between calls, and no more calls at once than there are cores.

argon2-cffi's hash_secret_raw maps a fresh 64 MiB for every call and unmaps it afterwards: 16,385 page faults,
zeroing and a TLB shootdown, about 25 ms of kernel time per receipt lookup (a fifth of the KDF), worse when two
threads do it at once. Here each call leases a buffer that is already faulted in (and asked for huge pages, fewer
TLB misses in Argon2's random reads). Argon2 wipes its memory itself before returning (the reference
implementation clears internal memory by default).

Calls beyond the number of cores would only share the same cores and evict each other's memory from the cache,
so a semaphore holds them back; the output is the same as hash_secret_raw's (tests/test_argon2_pool.py)."""

from __future__ import annotations

import mmap
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import argon2.low_level as argon2_low
from argon2.exceptions import HashingError

_ffi = argon2_low.ffi
_MEMORY_ALLOCATION_ERROR = int(argon2_low.lib.ARGON2_MEMORY_ALLOCATION_ERROR)


class _MemoryPool:
    def __init__(self, slots: int) -> None:
        self._slots = threading.BoundedSemaphore(slots)
        self._lock = threading.Lock()
        self._free: list[mmap.mmap] = []
        self._leased = threading.local()

        # Argon2 asks for its memory through these callbacks, in the calling thread.
        @_ffi.callback("int(uint8_t **, size_t)")
        def allocate(memory: object, size: int) -> int:
            buffer = getattr(self._leased, "buffer", None)
            if buffer is None or len(buffer) < size:
                return _MEMORY_ALLOCATION_ERROR
            memory[0] = _ffi.cast("uint8_t *", _ffi.from_buffer(buffer))  # type: ignore[index]
            return 0

        @_ffi.callback("void(uint8_t *, size_t)")
        def release(memory: object, size: int) -> None:
            return None  # the buffer goes back to the pool when the lease ends

        self.allocate, self.release = allocate, release

    @contextmanager
    def lease(self, size: int) -> Iterator[None]:
        with self._slots:
            with self._lock:
                buffer = self._free.pop() if self._free else None
            if buffer is None or len(buffer) < size:
                buffer = mmap.mmap(-1, size)
                if hasattr(mmap, "MADV_HUGEPAGE"):
                    buffer.madvise(mmap.MADV_HUGEPAGE)
            self._leased.buffer = buffer
            try:
                yield
            finally:
                self._leased.buffer = None
                with self._lock:
                    self._free.append(buffer)


_POOL = _MemoryPool(int(os.environ.get("TIPLINE_KDF_CONCURRENCY", os.cpu_count() or 1)))


def argon2id_raw(
    secret: bytes, salt: bytes, *, time_cost: int, memory_cost_kib: int, parallelism: int, hash_len: int = 32
) -> bytes:
    """The same bytes as argon2.low_level.hash_secret_raw(..., type=Type.ID)."""
    out = _ffi.new("uint8_t[]", hash_len)
    password = _ffi.new("uint8_t[]", secret)
    salt_buffer = _ffi.new("uint8_t[]", salt)
    context = _ffi.new(
        "argon2_context *",
        {
            "out": out,
            "outlen": hash_len,
            "pwd": password,
            "pwdlen": len(secret),
            "salt": salt_buffer,
            "saltlen": len(salt),
            "secret": _ffi.NULL,
            "secretlen": 0,
            "ad": _ffi.NULL,
            "adlen": 0,
            "t_cost": time_cost,
            "m_cost": memory_cost_kib,
            "lanes": parallelism,
            "threads": parallelism,
            "version": argon2_low.ARGON2_VERSION,
            "allocate_cbk": _POOL.allocate,
            "free_cbk": _POOL.release,
            "flags": argon2_low.lib.ARGON2_DEFAULT_FLAGS,
        },
    )
    with _POOL.lease(memory_cost_kib * 1024):
        result = argon2_low.core(context, argon2_low.Type.ID.value)
    if result != argon2_low.lib.ARGON2_OK:
        raise HashingError(argon2_low.error_to_str(result))
    return bytes(_ffi.buffer(out, hash_len))
