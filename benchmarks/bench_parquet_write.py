"""Parquet write throughput: ``pf.write_parquet`` against pyarrow and polars.

Table: 10M rows (quick: 1M) of int64, float64, timestamp[us], a low-cardinality
string (100 values) and a free-text string (~20 bytes), ~5% nulls in each. Only
the write is timed (the table is built once, and handed to the native library
once, zero-copy). Throughput = Arrow buffer bytes of the table / time. Each tool
writes the same codec (zstd, snappy) with its defaults otherwise (dictionary on,
1 Mi-row row groups, 1 MiB pages). pyarrow's write uses its own threads only when
``use_threads`` is set via the pyarrow pool, so the thread setting is mirrored with
``pa.set_cpu_count``; polars' pool is fixed at import.
"""

from __future__ import annotations

import os
import tempfile

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

import parquetframe as pf
from parquetframe.parquet_write import write_parquet

NAME = "parquet_write"


def _table(rows: int) -> pa.Table:
    rng = np.random.default_rng(42)
    mask = lambda: rng.random(rows) < 0.05  # noqa: E731
    words = np.array([f"category-{k:03d}" for k in range(100)], dtype=object)
    vocab = np.array(["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed",
                      "do", "eiusmod", "tempor"], dtype=object)
    a = vocab[rng.integers(0, len(vocab), rows)]
    b = vocab[rng.integers(0, len(vocab), rows)]
    nums = rng.integers(0, 1_000_000, rows).astype(str)
    text = a + " " + b + " " + nums
    return pa.table({
        "id": pa.array(np.arange(rows, dtype=np.int64) * 7 + rng.integers(0, 5, rows), mask=mask()),
        "value": pa.array(rng.standard_normal(rows), mask=mask()),
        "ts": pa.array(1_600_000_000_000_000 + np.sort(rng.integers(0, 10**12, rows)), pa.timestamp("us"), mask=mask()),
        "category": pa.array(words[rng.integers(0, 100, rows)], pa.utf8(), mask=mask()),
        "text": pa.array(text, pa.utf8(), mask=mask()),
    })


def run(ctx) -> list[dict]:
    rows_n = 1_000_000 if ctx.quick else 10_000_000
    table = _table(rows_n)
    nbytes = table.nbytes
    threads = ctx.threads
    pa.set_cpu_count(threads if threads > 0 else os.cpu_count() or 1)
    try:
        import polars as pl
        df = pl.from_arrow(table)
    except ImportError:  # pragma: no cover
        pl = None
        df = None
    frame = pf.Frame.from_arrow(table) if pf.swift_available() else table
    out: list[dict] = []
    tmp = tempfile.mkdtemp(prefix="pf-bench-write-")

    def add(case: str, tool: str, seconds: float) -> None:
        mbps = nbytes / seconds / 1e6
        out.append(dict(case=case, size=rows_n, tool=tool, seconds=seconds, baseline="pyarrow",
                        mb_per_s=round(mbps, 1)))
    try:
        for codec in ("zstd", "snappy"):
            p = os.path.join(tmp, f"out-{codec}.parquet")
            case = f"write {codec}"
            add(case, "pyarrow", ctx.median_seconds(
                lambda: pq.write_table(table, p, compression=codec, use_dictionary=True)))
            add(case, "parquetframe", ctx.median_seconds(lambda: write_parquet(frame, p, compression=codec)))
            size_pf = os.path.getsize(p)
            if df is not None:
                add(case, "polars", ctx.median_seconds(lambda: df.write_parquet(p, compression=codec)))
            pq.write_table(table, p, compression=codec)
            size_pa = os.path.getsize(p)
            out[-1 if df is None else -2]["note"] = (
                f"{case}: {nbytes / 1e6:.0f} MB of Arrow data; file size parquetframe {size_pf / 1e6:.1f} MB, "
                f"pyarrow {size_pa / 1e6:.1f} MB; MB/s in the JSON results (mb_per_s)")
    finally:
        for f in os.listdir(tmp):
            os.unlink(os.path.join(tmp, f))
        os.rmdir(tmp)
        pa.set_cpu_count(os.cpu_count() or 1)
    return out
