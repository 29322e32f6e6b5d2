"""The pooled Argon2id gives exactly what argon2-cffi's own function gives, also from many threads at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import argon2.low_level
from hypothesis import given, settings
from hypothesis import strategies as st

from tipline.vault.argon2_pool import argon2id_raw


def reference(secret: bytes, salt: bytes, t: int, m: int, p: int) -> bytes:
    return argon2.low_level.hash_secret_raw(
        secret, salt, time_cost=t, memory_cost=m, parallelism=p, hash_len=32, type=argon2.low_level.Type.ID
    )


@settings(max_examples=40, deadline=None)
@given(
    secret=st.binary(min_size=1, max_size=64),
    salt=st.binary(min_size=8, max_size=32),
    t=st.integers(1, 3),
    m=st.sampled_from([64, 256, 1024]),
    p=st.integers(1, 2),
)
def test_same_output_as_argon2_cffi(secret: bytes, salt: bytes, t: int, m: int, p: int) -> None:
    assert argon2id_raw(secret, salt, time_cost=t, memory_cost_kib=m, parallelism=p) == reference(
        secret, salt, t, m, p
    )


def test_threads_share_the_pool_without_mixing_results() -> None:
    inputs = [(f"code-{i}".encode(), b"saltsaltsaltsalt") for i in range(24)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(
            pool.map(
                lambda a: argon2id_raw(a[0], a[1], time_cost=1, memory_cost_kib=4096, parallelism=1), inputs
            )
        )
    assert results == [reference(s, salt, 1, 4096, 1) for s, salt in inputs]
