"""Benchmarks of the triage library (``python benchmarks/bench_triage.py``; ``make bench-triage``).

Measures, on this machine:
1. jieba's start-up (building its prefix dictionary, then loading it from the cache), apart from everything else;
2. the per-report cost of triage, of feature computation and of both together, on synthetic reports;
3. link proposal against 100,000 and 1,000,000 earlier reports held in memory: build time, memory, per-query
   cost, and the cost of adding one report to a full index.

The earlier reports are the features of 20,000 synthetic reports topped up with random
signatures, band keys and identifier keys, because computing a million reports' features would take minutes
and say nothing more about the index: a keyed MinHash of unrelated texts is indistinguishable from random.
Every loop is bounded; the whole run takes a few minutes and about 3 GB of memory at its peak.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ["TIPLINE_JIEBA_CACHE_DIR"] = tempfile.mkdtemp(prefix="tipline-bench-jieba-")

from tipline.triage import segmentation  # imported after TIPLINE_JIEBA_CACHE_DIR is set
from tipline.triage.__main__ import demo_keys
from tipline.triage.configuration import load_config
from tipline.triage.engine import triage_report, triage_with_features
from tipline.triage.features import ReportFeatures, feature_extractor
from tipline.triage.identifiers import extract_identifiers
from tipline.triage.linking import LinkIndex
from tipline.triage.synthetic import generate_reports


def resident_megabytes() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def per_item(label: str, items: list[str], work: Callable[[str], object]) -> None:
    gc.collect()
    timings = []
    for item in items:
        start = time.perf_counter()
        work(item)
        timings.append(time.perf_counter() - start)
    timings.sort()
    mean = statistics.fmean(timings) * 1e3
    p50 = timings[len(timings) // 2] * 1e3
    p99 = timings[int(len(timings) * 0.99)] * 1e3
    print(
        f"  {label:<34} mean {mean:6.3f} ms   p50 {p50:6.3f} ms   p99 {p99:6.3f} ms   ({len(items)} reports)"
    )


def bench_start_up() -> None:
    config = load_config()
    print("jieba start-up (excluded from the per-report figures)")
    start = time.perf_counter()
    segmentation.segmenter(config)
    print(f"  first start, building the dictionary cache  {time.perf_counter() - start:6.3f} s")
    segmentation._tokenizer = None  # a second process finds the cache
    start = time.perf_counter()
    segmentation.segmenter(config)
    print(f"  later starts, loading the cache             {time.perf_counter() - start:6.3f} s")


def bench_per_report(texts: list[str]) -> None:
    config = load_config()
    keys = demo_keys()
    extractor = feature_extractor(keys, config)
    for text in texts[:50]:  # warm-up: regular expressions, permutations, caches
        triage_with_features(text, keys=keys)
    lengths = [len(text) for text in texts]
    print(
        f"\nPer report (synthetic reports, {statistics.fmean(lengths):.0f} characters on average, max {max(lengths)})"
    )
    per_item("triage (triage_report)", texts, lambda text: triage_report(text, config=config))
    remaining = {text: extract_identifiers(text, config.identifiers) for text in texts}
    per_item(
        "features only (keyed tokens, MinHash)",
        texts,
        lambda text: extractor.features(remaining[text].remaining_text, remaining[text].identifiers),
    )
    per_item("both (triage_with_features)", texts, lambda text: triage_with_features(text, keys=keys))


def random_block(
    count: int, first: int, rng: np.random.Generator
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    ids = [f"filler{first + n}" for n in range(count)]
    signatures = rng.integers(0, 2**32, size=(count, 128), dtype=np.uint64).astype(np.uint32)
    band_keys = rng.integers(0, 2**63, size=(count, 32), dtype=np.uint64)
    text_ok = rng.random(count) > 0.05
    identifier_counts = rng.choice([0, 1, 2, 3], size=count, p=[0.15, 0.35, 0.35, 0.15]).astype(np.int64)
    total = int(identifier_counts.sum())
    identifier_keys = rng.integers(0, 2**63, size=total, dtype=np.uint64)
    identifier_kinds = rng.integers(0, 12, size=total, dtype=np.uint8)
    return ids, signatures, band_keys, text_ok, identifier_keys, identifier_kinds, identifier_counts


def bench_links(sizes: list[int], real: list[ReportFeatures], queries: list[ReportFeatures]) -> None:
    print("\nLink proposal against earlier reports held in memory")
    rng = np.random.default_rng(20261129)
    for size in sizes:
        gc.collect()
        before = resident_megabytes()
        start = time.perf_counter()
        index = LinkIndex()
        index.add_many((f"real{n}", features) for n, features in enumerate(real))
        block = 100_000
        added = len(real)
        while added < size:  # bounded: size / block iterations
            count = min(block, size - added)
            index.add_block(*random_block(count, added, rng))
            added += count
        build = time.perf_counter() - start
        after = resident_megabytes()
        print(
            f"  {size:>9,} reports: built in {build:5.1f} s, arrays {index.nbytes / 2**20:6.0f} MiB, "
            f"process grew by {after - before:6.0f} MiB"
        )
        for features in queries[:100]:  # warm-up: first touches of freshly built arrays
            index.propose(features)
        timings = []
        proposals = 0
        for features in queries:
            start = time.perf_counter()
            proposals += len(index.propose(features))
            timings.append(time.perf_counter() - start)
        timings.sort()
        print(
            f"      propose: mean {statistics.fmean(timings) * 1e3:6.3f} ms   p50 {timings[len(timings) // 2] * 1e3:6.3f} ms"
            f"   p99 {timings[int(len(timings) * 0.99)] * 1e3:6.3f} ms   ({len(queries)} queries, "
            f"{proposals / len(queries):.1f} links each)"
        )
        start = time.perf_counter()
        extra = min(20_000, len(real))
        for n in range(extra):  # bounded: the real reports once more, as new arrivals
            index.add(f"new{n}", real[n])
        print(
            f"      add one report: {(time.perf_counter() - start) / extra * 1e6:6.1f} us amortised "
            f"(including merges; {extra} adds)"
        )
        del index
        gc.collect()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=3000, help="synthetic reports to time (default 3000)")
    parser.add_argument("--sizes", default="100000,1000000", help="index sizes, comma-separated")
    arguments = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, numpy {np.__version__}\n")
    bench_start_up()
    reports = generate_reports(101, 20_000, "dev")
    bench_per_report([report.text for report in reports[: min(arguments.reports, 20_000)]])
    keys = demo_keys()
    real = [triage_with_features(report.text, keys=keys)[1] for report in reports]
    bench_links([int(size) for size in arguments.sizes.split(",")], real, real[:1000])


if __name__ == "__main__":
    main()
