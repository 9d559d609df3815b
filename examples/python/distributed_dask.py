"""Scores assessments on a Dask cluster with the Python batch API.

    pip install './bindings-python[pandas]' 'dask[distributed]>=2024.8'
    python examples/python/distributed_dask.py                 # 20,000 generated assessments, 2 workers
    python examples/python/distributed_dask.py --n 2000        # quick (the tests run this)
    python examples/python/distributed_dask.py --input export.jsonl --workers 4

The example starts a local cluster (a scheduler and ``--workers`` worker
processes, one thread each), reads a JSONL file (one assessment per line:
generated with ``bindings-python/benchmarks/generate.py`` unless ``--input``
is given) as a ``dask.bag`` of lines cut into partitions by byte ranges, and
scores each partition in one call on a worker with
``Referential.default().score_table(lines)`` (JSON text is the library's
fastest input: no Python dict is built). Each partition becomes one pandas
DataFrame of results, kept on the workers; a groupby summary (assessments
and index per kind of collectivité) is reduced on the cluster from
per-partition partial sums, and the full result is gathered to check it is
equal, row for row and column for column, to a single-process
``score_table`` of the same lines. It prints the timings and the throughput.

With a real cluster, only the two ends change: ``Client("tcp://scheduler:8786")``
instead of ``LocalCluster``, and a path every worker can read (a shared disk,
``s3://…`` with s3fs) instead of the temporary file.

Expected scaling. The partitions are independent (embarrassingly parallel:
no shuffle; the summary is a tree reduction of four numbers per kind) and
scoring costs the same for every assessment of the same size, so the
throughput grows linearly with the machines until reading the input,
moving results between processes or the scheduler's per-task overhead
(about a millisecond a partition: keep partitions of thousands of
assessments) dominate. On one machine Dask cannot beat a single process:
``score_table`` already shares a large batch among all the cores the
process may use, so a worker should own a machine (or, with ``--pin`` on
Linux, one core per worker). What was measured (2-core AMD EPYC shared with
other builds, load average 7–8, Python 3.11, release wheel, 20,000 level-2
assessments, 75 MB; see ``examples/python/DISTRIBUTED.md``): 1 worker and 2
workers both score about 5,000–5,700 assessments a second (3.5–3.9 s),
about 0.45× one in-process ``score_table`` of the lines already in memory
(12,000–14,000 a second): the cores were saturated, and reading and
splitting the file in Python (``read_text``, about 1.5 s of worker time for
75 MB) costs about as much as scoring. Extrapolated, not measured: a worker
per machine adds that machine's throughput (≈ 5,000–12,000 a second per 2
cores), so the ~35,000 communes of France take a few seconds on a handful
of machines, plus the cluster's start-up (≈ 5 s here) and the time to read
the input.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import math
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, cast

import dask.bag as db
import pandas as pd
from distributed import Client, LocalCluster, get_worker, wait

import sobriete

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "bindings-python" / "benchmarks" / "generate.py"


def score_partition(lines: Iterable[str], pin: bool = False) -> list[pd.DataFrame]:
    """Runs on a worker: scores one partition (JSON lines) in one call.

    Returns a one-item partition: the DataFrame of results. The default
    referential is loaded once per partition; it is embedded in the native
    module and parsed in under a millisecond, nothing next to the thousands
    of assessments of a partition.
    """
    if pin:
        pin_to_one_core()
    texts = [line for line in lines if line.strip()]
    table = sobriete.Referential.default().score_table(texts)
    return [pd.DataFrame(table)]


def pin_to_one_core() -> None:
    """Linux: keeps this worker's task thread, and so the scoring threads it
    starts, on one core (worker i on core i), so that a worker stands for
    one core. Without it, each ``score_table`` call already shares a large
    batch among all the cores the process may use."""
    if sys.platform == "linux":
        cores = sorted(os.sched_getaffinity(0))
        rank = int(str(get_worker().name))  # LocalCluster names its workers 0, 1, …
        os.sched_setaffinity(0, {cores[rank % len(cores)]})


def partial_summary(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Runs on a worker: count, sum, min and max of the index per kind."""
    parts = [f.groupby("kind")["index"].agg(["count", "sum", "min", "max"]) for f in frames]
    return combine_summaries(parts)


def combine_summaries(parts: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Combines partial summaries (on a worker, then on the client)."""
    stacked = pd.concat(list(parts))
    grouped = stacked.groupby(level=0)
    return pd.DataFrame(
        {
            "count": grouped["count"].sum(),
            "sum": grouped["sum"].sum(),
            "min": grouped["min"].min(),
            "max": grouped["max"].max(),
        }
    )


def warm_up() -> str:
    """Runs once on each worker before the timings: imports the native
    module and pandas (a one-off per worker process, not per assessment)."""
    sobriete.Referential.default()
    return sobriete.__name__


def same_values(a: list[Any], b: list[Any]) -> bool:
    """Equal lists, where NaN equals NaN and None (a missing value) equals NaN."""

    def norm(x: Any) -> Any:
        return None if x is None or (isinstance(x, float) and math.isnan(x)) else x

    return len(a) == len(b) and all(norm(x) == norm(y) for x, y in zip(a, b, strict=True))


def generate_input(path: Path, n: int, seed: int) -> None:
    """Writes ``n`` generated level-2 assessments as JSON lines."""
    spec = importlib.util.spec_from_file_location("generate", GENERATOR)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {GENERATOR}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    generate = cast(Callable[..., list[dict[str, Any]]], module.generate)
    referential = sobriete.Referential.default().to_dict()
    with path.open("w", encoding="utf-8") as out:
        for assessment in generate(referential, n, seed):
            out.write(json.dumps(assessment, ensure_ascii=False) + "\n")


def rate(n: int, seconds: float) -> str:
    return f"{seconds:.2f} s, {seconds / n * 1e6:.1f} µs/assessment, {n / seconds:,.0f} assessments/s"


def run(path: Path, workers: int, partitions: int, pin: bool = False) -> tuple[bool, pd.DataFrame]:
    """Scores the JSONL file on a local cluster; returns whether the result
    equals the single-process one, and the summary per kind."""
    texts = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    n = len(texts)
    size = path.stat().st_size
    print(f"input: {n:,} assessments, {size / 1e6:.1f} MB of JSON lines ({path.name})")

    t0 = time.perf_counter()
    # dask and distributed ship py.typed but leave most signatures
    # unannotated: each call to one of those needs an ignore[no-untyped-call].
    cluster = LocalCluster(  # type: ignore[no-untyped-call]  # unannotated constructor
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,  # no web server
        silence_logs=logging.ERROR,
    )
    try:
        with Client(cluster) as client:  # type: ignore[no-untyped-call]  # unannotated constructor
            client.run(warm_up)
            started = time.perf_counter() - t0
            pinned = ", one core each" if pin else ""
            print(f"cluster: {workers} worker process(es) × 1 thread{pinned}, started and warmed up in {started:.2f} s")

            # Byte ranges of size/partitions, cut at line ends (dask makes
            # size // blocksize partitions).
            blocksize = max(1, size // partitions)
            lines: db.Bag = db.read_text(str(path), blocksize=blocksize)  # type: ignore[no-untyped-call]  # unannotated
            scored: db.Bag = lines.map_partitions(score_partition, pin=pin)  # type: ignore[no-untyped-call]  # unannotated

            t1 = time.perf_counter()
            frames: db.Bag = client.persist(scored)  # scored on the workers, the results stay there
            wait(frames)  # type: ignore[no-untyped-call]  # unannotated
            scoring = time.perf_counter() - t1
            print(f"distributed score_table: {frames.npartitions} partitions, {rate(n, scoring)}")

            t2 = time.perf_counter()
            reduced: db.Item = frames.reduction(partial_summary, combine_summaries)  # type: ignore[no-untyped-call]  # unannotated
            summary: pd.DataFrame = reduced.compute()  # type: ignore[no-untyped-call]  # unannotated
            summarising = time.perf_counter() - t2
            print(f"summary per kind (reduced on the cluster): {summarising:.2f} s")

            t3 = time.perf_counter()
            gathered: list[pd.DataFrame] = frames.compute()  # type: ignore[no-untyped-call]  # one per partition, in order
            result = pd.concat(gathered, ignore_index=True)
            gathering = time.perf_counter() - t3
            print(
                f"results gathered to the client: {len(result):,} rows × {len(result.columns)} columns, "
                f"{gathering:.2f} s"
            )
            total = scoring + summarising + gathering
            print(f"total on the cluster (score + summary + gather): {rate(n, total)}")
    finally:
        cluster.close()

    t4 = time.perf_counter()
    local = sobriete.Referential.default().score_table(texts)
    single = time.perf_counter() - t4
    print(f"single process score_table (all its cores): {rate(n, single)}")
    if pin and sys.platform == "linux":
        cores = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {min(cores)})
        t5 = time.perf_counter()
        sobriete.Referential.default().score_table(texts)
        print(f"single process score_table, one core: {rate(n, time.perf_counter() - t5)}")
        os.sched_setaffinity(0, cores)
    # The cluster also reads and splits the file; on one machine both use all its cores.
    print(f"cluster scoring vs one in-process call: {single / scoring:.2f}× the throughput")

    mismatched = [c for c in local if c not in result.columns or not same_values(result[c].tolist(), local[c])]
    ok = len(result) == n and not mismatched
    if ok:
        print(
            f"check: OK, the distributed result equals the single-process one ({n:,} rows, "
            f"{len(local)} columns, same index for every row)"
        )
    else:
        print(f"check: FAILED, {len(result):,} rows for {n:,}; columns that differ: {mismatched}")

    summary["mean"] = summary["sum"] / summary["count"]
    summary = summary[["count", "mean", "min", "max"]].sort_values("count", ascending=False)
    summary["count"] = summary["count"].astype(int)
    print("\nindex per kind of collectivité:")
    print(summary.round(2).to_string())
    return ok, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=20_000, help="assessments to generate (default 20000)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument("--input", type=Path, help="a JSONL file of assessments instead of generated ones")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--partitions", type=int, default=0, help="partitions (default 4 per worker)")
    parser.add_argument(
        "--pin", action="store_true", help="Linux: one core per worker (to measure the scaling with workers)"
    )
    args = parser.parse_args(argv)
    partitions = args.partitions or 4 * args.workers
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        path: Path = args.input
        if path is None:
            path = Path(tmp) / "assessments.jsonl"
            t = time.perf_counter()
            generate_input(path, args.n, args.seed)
            print(f"generated {args.n:,} assessments (seed {args.seed}) in {time.perf_counter() - t:.2f} s")
        ok, _ = run(path, args.workers, partitions, args.pin)
    print(f"\nexample ran in {time.perf_counter() - started:.2f} s")
    return 0 if ok else 1


if __name__ == "__main__":  # needed: the worker processes re-import this module
    sys.exit(main())
