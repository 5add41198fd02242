"""Avro reading: ParquetFrame against fastavro and polars.

Data (generated once, seed 42, into ``benchmarks/data/``): 1M records (quick: 200k) of
mixed types — long id, int count, double value, string name, nullable string
(``["null", "string"]``, 10% null), timestamp-micros, array<long> of 0-4 items — written
by fastavro with the ``null`` and ``deflate`` codecs.

Tools, per codec:

* ``parquetframe``: ``pf.read_avro(path)`` (native reader, blocks decoded in parallel);
* ``fastavro -> pyarrow``: ``pa.Table.from_pylist(list(fastavro.reader(f)))`` — what users
  do to get a table from fastavro (the baseline);
* ``polars.read_avro``: when the installed polars has it.

Rows carry ``mb_per_s`` (file size / time); the notes print the throughputs.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pyarrow as pa

import parquetframe as pf

NAME = "avro_read"
DATA = Path(__file__).resolve().parent / "data"

SCHEMA = {
    "type": "record", "name": "Event", "namespace": "pf.bench",
    "fields": [
        {"name": "id", "type": "long"},
        {"name": "count", "type": "int"},
        {"name": "value", "type": "double"},
        {"name": "name", "type": "string"},
        {"name": "comment", "type": ["null", "string"]},
        {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-micros"}},
        {"name": "tags", "type": {"type": "array", "items": "long"}},
    ],
}


def _records(rows: int):
    rng = random.Random(42)
    words = [f"w{k:04d}" for k in range(5000)]
    base = 1_600_000_000_000_000
    for i in range(rows):
        yield {
            "id": i,
            "count": rng.randrange(-1000, 1000),
            "value": rng.gauss(0.0, 1.0),
            "name": f"name-{rng.randrange(100000)}",
            "comment": None if rng.random() < 0.1 else " ".join(rng.choices(words, k=3)),
            "ts": base + rng.randrange(10**12),
            "tags": [rng.randrange(10**6) for _ in range(rng.randrange(5))],
        }


def _ensure(rows: int) -> dict[str, Path]:
    import fastavro

    DATA.mkdir(parents=True, exist_ok=True)
    paths = {}
    parsed = fastavro.parse_schema(SCHEMA)
    for codec in ("null", "deflate"):
        p = DATA / f"avro_{rows}_{codec}.avro"
        if not p.exists():
            tmp = p.with_suffix(".tmp")
            with tmp.open("wb") as f:
                fastavro.writer(f, parsed, _records(rows), codec=codec)
            tmp.rename(p)
        paths[codec] = p
    return paths


def _fastavro_table(path: Path) -> pa.Table:
    import fastavro

    with path.open("rb") as f:
        return pa.Table.from_pylist(list(fastavro.reader(f)))


def run(ctx) -> list[dict]:
    try:
        import fastavro  # noqa: F401
    except ImportError:  # pragma: no cover
        print("   fastavro not installed; skipping")
        return []
    rows = 200_000 if ctx.quick else 1_000_000
    paths = _ensure(rows)
    try:
        import polars as pl

        read_polars = getattr(pl, "read_avro", None)
    except ImportError:  # pragma: no cover
        read_polars = None
    out: list[dict] = []
    for codec, path in paths.items():
        mb = os.path.getsize(path) / 1e6
        case = f"read {codec} ({mb:.0f} MB)"
        # Tool names carry the codec: run.py matches a row's baseline by (bench, size,
        # threads, tool), so the two codecs' rows (same size) must not share tool names.
        base = f"fastavro -> pyarrow [{codec}]"
        tools = [(base, lambda p=path: _fastavro_table(p))]
        if pf.swift_available():
            tools.append((f"parquetframe [{codec}]", lambda p=path: pf.read_avro(p).to_arrow()))
        if read_polars is not None:
            tools.append((f"polars.read_avro [{codec}]", lambda p=path: read_polars(p)))
        # fastavro is slow: fewer repeats for it.
        for tool, fn in tools:
            repeats = 1 if tool.startswith("fastavro") else None
            seconds = ctx.median_seconds(fn, repeats=repeats)
            out.append(dict(case=case, size=rows, tool=tool, seconds=seconds, baseline=base,
                            mb_per_s=mb / seconds,
                            note=f"{case}, threads={ctx.threads or 'all'}: {tool} {mb / seconds:.1f} MB/s"))
    return out
