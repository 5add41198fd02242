"""pf.cached_memory / pf.release_memory: the native core's reuse cache of released buffers."""

from __future__ import annotations

import gc

import pyarrow as pa

import parquetframe as pf
from parquetframe import _native


def test_released_read_results_are_cached_then_freed(tmp_path):
    path = tmp_path / "ints.parquet"
    n = 400_000  # 3.2 MB per int64 column: blocks well above the 64 KiB minimum
    pf.write_parquet(pa.table({"a": pa.array(range(n), pa.int64()), "b": pa.array(range(n, 0, -1), pa.int64())}),
                     path, compression="snappy")
    if _native.library() is None:
        assert pf.cached_memory() == 0 and pf.release_memory() == 0
        return
    pf.release_memory()
    assert pf.cached_memory() == 0
    table = pf.read_parquet(path).to_arrow()
    assert table.column("a").to_pylist()[-3:] == [n - 3, n - 2, n - 1]
    del table
    gc.collect()
    held = pf.cached_memory()
    assert held >= 2 * 8 * n, "both columns' value buffers are kept for reuse"
    assert pf.release_memory() == held
    assert pf.cached_memory() == 0
    assert pf.release_memory() == 0


def test_reuse_gives_identical_results(tmp_path):
    path = tmp_path / "s.parquet"
    t = pa.table({"s": pa.array([f"v{i % 977}" for i in range(200_000)]), "x": pa.array(range(200_000))})
    pf.write_parquet(t, path)
    for _ in range(3):  # each read may reuse the blocks the previous (dropped) result held
        got = pf.read_parquet(path).to_arrow()
        assert got.equals(t)
        del got
        gc.collect()
