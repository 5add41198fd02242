"""large_string / large_binary columns (restored from ARROW:schema) read against pyarrow: flat
columns decode straight into 64-bit offsets; full reads, projections, filters (late
materialization) and streamed batches that span pages must all give pyarrow's table."""

from __future__ import annotations

import random

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

import parquetframe as pf

pytestmark = pytest.mark.skipif(not pf.swift_available(), reason="native library not built")

ROWS = 50_000


@pytest.fixture(scope="module")
def path(tmp_path_factory) -> str:
    rnd = random.Random(7)
    words = [f"w{k:04d}-é" for k in range(3000)]
    text = [None if rnd.random() < 0.1 else " ".join(rnd.choice(words) for _ in range(rnd.randint(0, 4)))
            for _ in range(ROWS)]
    raw = [None if rnd.random() < 0.05 else bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 9)))
           for _ in range(ROWS)]
    t = pa.table({
        "id": pa.array(range(ROWS), pa.int64()),
        "text": pa.array(text, pa.large_string()),
        "raw": pa.array(raw, pa.large_binary()),
        "cat": pa.array([rnd.choice(["a", "bb", None]) for _ in range(ROWS)], pa.large_string()),
        "nested": pa.array([{"s": s} for s in text[:ROWS]], pa.struct([("s", pa.large_string())])),
        "lists": pa.array([None if s is None else s.split(" ") for s in text], pa.list_(pa.large_string())),
    })
    p = str(tmp_path_factory.mktemp("large") / "large.parquet")
    # Small dictionary pages force the fallback to PLAIN mid-chunk; small data pages and
    # row groups give several pages and chunks per column.
    pq.write_table(t, p, compression="snappy", row_group_size=20_000, data_page_size=16 * 1024,
                   dictionary_pagesize_limit=8 * 1024)
    return p


@pytest.fixture(params=[1, 0], ids=["threads1", "threads_all"])
def threads(request):
    pf.set_config(swift_threads=request.param)
    yield request.param
    pf.reset_config()


def test_full_read_and_projection(path, threads):
    expected = pq.read_table(path)
    got = pf.read_parquet(path).to_arrow()
    assert got.schema.field("text").type == pa.large_string()
    assert got.schema.field("raw").type == pa.large_binary()
    assert got.equals(expected)
    cols = ["raw", "text"]
    assert pf.read_parquet(path, columns=cols).to_arrow().equals(expected.select(cols))


def test_filters(path, threads):
    expected = pq.read_table(path)
    got = pf.read_parquet(path, filters=[("id", "<", 777)]).to_arrow()
    assert got.equals(expected.filter(pc.less(expected["id"], 777)))
    got = pf.read_parquet(path, filters=[("text", "<", "w01")]).to_arrow()
    assert got.equals(expected.filter(pc.less(expected["text"], "w01")))


@pytest.mark.parametrize("batch_size", [1000, 7777, 65536])
def test_batches(path, threads, batch_size):
    expected = pq.read_table(path)
    parts = [b.to_arrow() for b in pf.iter_parquet_batches(path, batch_size=batch_size)]
    got = pa.Table.from_batches(parts) if isinstance(parts[0], pa.RecordBatch) else pa.concat_tables(parts)
    assert got.equals(expected)
